-- Keeps this replica in the set that shares the checks, and answers the live members.
-- KEYS[1] replicas (zset member = replica id, score = membership deadline ms)
-- ARGV[1] replica id  ARGV[2] membership ttl ms  ARGV[3] '1' to leave instead
-- Returns the live replica ids.
--!include now.lua

local now = now_ms()
if ARGV[3] == '1' then
  redis.call('ZREM', KEYS[1], ARGV[1])
else
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZRANGE', KEYS[1], 0, -1)
