-- Moves a session's outbox events into the service-wide change log, each exactly once, and
-- keeps the deadline index the reaper walks in step.
-- KEYS[1] revision counter  KEYS[2] event stream  KEYS[3] deadlines (family -> ms the reaper
-- looks again)  KEYS[4] published (family -> highest sequence published)  KEYS[5] removed
-- (family -> ms it was removed; late publishers of a removed family are ignored)
-- ARGV[1] family  ARGV[2] 'live' | 'removed'  ARGV[3] deadline ms (live)  ARGV[4] stream max length
-- ARGV[5..] outbox entries "seq|type|timeMs|payloadJson", in sequence order
-- Returns {events emitted, last revision emitted (0 if none)}.
--!include now.lua
--!include changelog.lua

local family, action, maxLen = ARGV[1], ARGV[2], ARGV[4]
if redis.call('ZSCORE', KEYS[5], family) then
  return {0, 0}
end
local last = tonumber(redis.call('HGET', KEYS[4], family) or '0')
local emitted, revision = 0, 0
for i = 5, #ARGV do
  local seq, eventType, time, payload = string.match(ARGV[i], '^(%d+)|(%a+)|(%d+)|(.*)$')
  seq = tonumber(seq)
  if seq > last then
    revision = changelog_emit(KEYS[1], KEYS[2], maxLen, eventType, payload, time)
    last = seq
    emitted = emitted + 1
  end
end
if action == 'live' then
  redis.call('HSET', KEYS[4], family, last)
  redis.call('ZADD', KEYS[3], ARGV[3], family)
else
  redis.call('ZREM', KEYS[3], family)
  redis.call('HDEL', KEYS[4], family)
  redis.call('ZADD', KEYS[5], now_ms(), family)
end
return {emitted, revision}
