-- Extends a lock, only for the holder of its token (compare-and-set in one step).
-- KEYS[1] lock
-- ARGV[1] token  ARGV[2] new ttl ms, from now
-- Returns {1, owner, fencingToken, acquiredAt, expiresAt} when extended,
--         {0, holder owner, holder fencingToken, holder expiresAt} when another token holds it,
--         {-1} when nobody holds it (it expired or was released).
--!include now.lua

local now = now_ms()
local held = redis.call('HMGET', KEYS[1], 't', 'o', 'f', 'a', 'e')
if not held[1] or tonumber(held[5]) <= now then
  return {-1}
end
if held[1] ~= ARGV[1] then
  return {0, held[2], tonumber(held[3]), tonumber(held[5])}
end
local expiresAt = now + tonumber(ARGV[2])
redis.call('HSET', KEYS[1], 'e', expiresAt)
redis.call('PEXPIREAT', KEYS[1], expiresAt)
return {1, held[2], tonumber(held[3]), tonumber(held[4]), expiresAt}
