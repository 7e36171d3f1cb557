-- Acquires a lock when it is free, issuing the next fencing token.
-- KEYS[1] lock (hash, expires natively at its deadline)  KEYS[2] fencing counter of the lock (never expires)
-- ARGV[1] token (random secret chosen by state-svc)  ARGV[2] owner  ARGV[3] ttl ms
-- Returns {1, fencingToken, acquiredAt, expiresAt} when acquired,
--         {0, holder owner, holder fencingToken, holder expiresAt} when held.
--!include now.lua

local now = now_ms()
local held = redis.call('HMGET', KEYS[1], 't', 'o', 'f', 'e')
if held[1] and tonumber(held[4]) > now then
  return {0, held[2], tonumber(held[3]), tonumber(held[4])}
end
local fencing = redis.call('INCR', KEYS[2])
local expiresAt = now + tonumber(ARGV[3])
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 't', ARGV[1], 'o', ARGV[2], 'f', fencing, 'a', now, 'e', expiresAt)
redis.call('PEXPIREAT', KEYS[1], expiresAt)
return {1, fencing, now, expiresAt}
