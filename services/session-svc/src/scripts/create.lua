-- Creates one session, live at once, with its 'created' event in the outbox.
-- KEYS[1] meta  KEYS[2] data  KEYS[3] ids  KEYS[4] outbox  KEYS[5] reservation of this family
-- ARGV[1] secret  ARGV[2] userId ('' = anonymous)  ARGV[3] sessionRef  ARGV[4] idle ttl ms
-- ARGV[5] absolute ttl ms  ARGV[6] client ip  ARGV[7] user agent  ARGV[8] '1' when the id must be
-- a reserved one  ARGV[9] retention margin ms  ARGV[10] data bytes  ARGV[11..] field, json, ...
-- Returns {now, idleExpiresAt, absoluteExpiresAt, outbox entries}.
--!include now.lua
--!include session-lib.lua

local now = now_ms()
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.error_reply('TRELLIS_ID_TAKEN this session id was already used')
end
if ARGV[8] == '1' then
  -- Only an id this service issued (POST /v1/session-ids) and nobody claimed yet.
  if redis.call('GET', KEYS[5]) ~= ARGV[1] then
    return redis.error_reply('TRELLIS_NOT_RESERVED this session id was not issued by session-svc, or expired unused')
  end
  redis.call('DEL', KEYS[5])
end

local absoluteExpiresAt = now + tonumber(ARGV[5])
local idleExpiresAt = math.min(now + tonumber(ARGV[4]), absoluteExpiresAt)
redis.call('HSET', KEYS[1], 'user', ARGV[2], 'ref', ARGV[3], 'state', 'live', 'version', 1, 'seq', 0,
  'createdAt', now, 'lastAccessedAt', now, 'idleTtlMs', ARGV[4], 'idleExpiresAt', idleExpiresAt,
  'absoluteExpiresAt', absoluteExpiresAt, 'ip', ARGV[6], 'ua', ARGV[7], 'dataBytes', ARGV[10], 'current', ARGV[1])
if #ARGV > 10 then
  redis.call('HSET', KEYS[2], unpack(ARGV, 11))
end
redis.call('HSET', KEYS[3], ARGV[1], 0)
local meta = session_meta(KEYS[1])
session_emit(KEYS[1], KEYS[4], meta, 'created', now, { absoluteExpiresAt = absoluteExpiresAt })
-- Backstop only: the reaper removes sessions (and reports it); Redis drops whatever it missed.
local keep = absoluteExpiresAt + tonumber(ARGV[9])
for i = 1, 4 do
  redis.call('PEXPIREAT', KEYS[i], keep)
end
return {now, idleExpiresAt, absoluteExpiresAt, redis.call('LRANGE', KEYS[4], 0, -1)}
