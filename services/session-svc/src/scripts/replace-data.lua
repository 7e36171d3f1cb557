-- Replaces a session's whole data (express-session stores write whole sessions).
-- KEYS[1] meta  KEYS[2] data  KEYS[3] ids
-- ARGV[1] secret  ARGV[2] If-Match: '' (none), '*' or ',v1,v2,'  ARGV[3] data bytes
-- ARGV[4..] field, json, ...
-- Returns {1, JSON [meta, data] (session_reply), grant, now}, or {0} when the id names no live session.
--!include now.lua
--!include session-lib.lua

local now = now_ms()
local meta, grant = session_resolve(KEYS[1], KEYS[3], ARGV[1], now)
if not meta then
  return {0}
end
local ifMatch = ARGV[2]
if ifMatch ~= '' and ifMatch ~= '*' and not string.find(ifMatch, ',' .. meta.version .. ',', 1, true) then
  return redis.error_reply('TRELLIS_PRECONDITION_FAILED ' .. meta.version)
end
redis.call('DEL', KEYS[2])
if #ARGV > 3 then
  redis.call('HSET', KEYS[2], unpack(ARGV, 4))
  session_keep(KEYS[1], KEYS[2])
end
redis.call('HSET', KEYS[1], 'version', meta.version + 1, 'dataBytes', ARGV[3])
session_slide(KEYS[1], meta, now)
return session_reply(KEYS[1], KEYS[2], grant, now)
