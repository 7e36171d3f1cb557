-- A session's metadata without touching it (listings, eviction choices).
-- KEYS[1] meta
-- Returns {1, meta, now} for a live session, else {0}.
--!include now.lua
--!include session-lib.lua

local now = now_ms()
local meta = session_meta(KEYS[1])
if not meta or meta.state ~= 'live' or session_deadline(meta) <= now then
  return {0}
end
return {1, redis.call('HGETALL', KEYS[1]), now}
