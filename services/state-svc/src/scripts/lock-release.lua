-- Releases a lock, only for the holder of its token (compare-and-delete in one step).
-- KEYS[1] lock
-- ARGV[1] token
-- Returns {1} when released, {0, holder owner, holder fencingToken, holder expiresAt} when another
-- token holds it, {-1} when nobody holds it.
--!include now.lua

local now = now_ms()
local held = redis.call('HMGET', KEYS[1], 't', 'o', 'f', 'e')
if not held[1] or tonumber(held[4]) <= now then
  return {-1}
end
if held[1] ~= ARGV[1] then
  return {0, held[2], tonumber(held[3]), tonumber(held[4])}
end
redis.call('DEL', KEYS[1])
return {1}
