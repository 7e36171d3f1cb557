-- Reads a session through one of its ids, sliding the idle expiry unless told not to.
-- KEYS[1] meta  KEYS[2] data  KEYS[3] ids
-- ARGV[1] secret  ARGV[2] slide the idle expiry when the last access is at least this many ms
--         old (a busy session is written once per interval, not on every read); -1 only reads
-- Returns {1, JSON [meta, data] (session_reply), grant, now}, or {0} when the id names no live session.
--!include now.lua
--!include session-lib.lua

local now = now_ms()
local meta, grant = session_resolve(KEYS[1], KEYS[3], ARGV[1], now)
if not meta then
  return {0}
end
local slideAfter = tonumber(ARGV[2])
if slideAfter >= 0 and now - meta.lastAccessedAt >= slideAfter then
  session_slide(KEYS[1], meta, now)
end
return session_reply(KEYS[1], KEYS[2], grant, now, meta)
