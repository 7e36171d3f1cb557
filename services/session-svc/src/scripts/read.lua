-- Reads a session through one of its ids, sliding the idle expiry unless told not to.
-- KEYS[1] meta  KEYS[2] data  KEYS[3] ids
-- ARGV[1] secret  ARGV[2] '1' to touch (slide), '0' to only read
-- Returns {1, meta, data, grant, now}, or {0} when the id names no live session.
--!include now.lua
--!include session-lib.lua

local now = now_ms()
local meta, grant = session_resolve(KEYS[1], KEYS[3], ARGV[1], now)
if not meta then
  return {0}
end
if ARGV[2] == '1' then
  session_slide(KEYS[1], meta, now)
end
return session_reply(KEYS[1], KEYS[2], grant, now)
