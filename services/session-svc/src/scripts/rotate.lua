-- Gives a session a new id (same family, fresh secret); the old id keeps working for a grace
-- period so requests already in flight are not logged out, then dies.
-- KEYS[1] meta  KEYS[2] data  KEYS[3] ids  KEYS[4] outbox
-- ARGV[1] current secret  ARGV[2] new secret  ARGV[3] grace ms
-- Returns {1, meta, data, graceUntil, now, outbox entries}, or {0}. Error SUPERSEDED when the
-- presented id was itself rotated away: only the current id may rotate, and a superseded id
-- must never learn its successor.
--!include now.lua
--!include session-lib.lua

local now = now_ms()
local meta, grant = session_resolve(KEYS[1], KEYS[3], ARGV[1], now)
if not meta then
  return {0}
end
if grant ~= 0 then
  return redis.error_reply('TRELLIS_SUPERSEDED this id was rotated away; use the current id')
end
if redis.call('HEXISTS', KEYS[3], ARGV[2]) == 1 then
  return redis.error_reply('TRELLIS_ID_TAKEN secret collision')
end
-- Forget grace ids that ran out, so the hash never grows with rotations.
local ids = redis.call('HGETALL', KEYS[3])
for i = 1, #ids, 2 do
  local until_ = tonumber(ids[i + 1])
  if until_ > 0 and until_ <= now then
    redis.call('HDEL', KEYS[3], ids[i])
  end
end
local grace = tonumber(ARGV[3])
local graceUntil = 0
if grace > 0 then
  graceUntil = math.min(now + grace, session_deadline(meta))
  redis.call('HSET', KEYS[3], ARGV[1], graceUntil)
else
  redis.call('HDEL', KEYS[3], ARGV[1])
end
redis.call('HSET', KEYS[3], ARGV[2], 0)
redis.call('HSET', KEYS[1], 'current', ARGV[2])
session_slide(KEYS[1], meta, now)
session_emit(KEYS[1], KEYS[4], meta, 'rotated', now, { previousIdValidUntil = graceUntil })
return {1, redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2]), graceUntil, now, redis.call('LRANGE', KEYS[4], 0, -1)}
