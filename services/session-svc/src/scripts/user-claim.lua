-- Adds a session to its user's index, unless the user is at the session limit.
-- KEYS[1] the user's index (family -> absolute expiry ms)
-- ARGV[1] family  ARGV[2] absolute expiry ms  ARGV[3] max sessions (0 = unlimited)
-- Returns {1} when added, else {0, family1, family2, ...} (every member, for the caller to check:
-- the index may still hold sessions that ended before their absolute expiry).
--!include now.lua

redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_ms())
local max = tonumber(ARGV[3])
if max > 0 and redis.call('ZCARD', KEYS[1]) >= max then
  local members = redis.call('ZRANGE', KEYS[1], 0, -1)
  table.insert(members, 1, 0)
  return members
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('PEXPIREAT', KEYS[1], math.max(tonumber(ARGV[2]), tonumber(redis.call('PEXPIRETIME', KEYS[1]))))
return {1}
