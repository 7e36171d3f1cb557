-- Reads a lock's holder and the highest fencing token ever issued for it.
-- KEYS[1] lock  KEYS[2] fencing counter of the lock
-- Returns {lastFencingToken, owner, fencingToken, acquiredAt, expiresAt} (only the first when free).
--!include now.lua

local now = now_ms()
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
local held = redis.call('HMGET', KEYS[1], 'o', 'f', 'a', 'e')
if not held[1] or tonumber(held[4]) <= now then
  return {last}
end
return {last, held[1], tonumber(held[2]), tonumber(held[3]), tonumber(held[4])}
