-- Families whose deadline (as last known) has passed, for the reaper; forgets old removals.
-- KEYS[1] deadlines  KEYS[2] removed
-- ARGV[1] at most this many  ARGV[2] how long removals are remembered (ms)
-- Returns a list of families.
--!include now.lua

local now = now_ms()
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[2]))
return redis.call('ZRANGE', KEYS[1], '-inf', now, 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[1]))
