-- Applies a JSON Merge Patch to a session's data, field by field, in one step.
-- KEYS[1] meta  KEYS[2] data  KEYS[3] ids
-- ARGV[1] secret  ARGV[2] If-Match: '' (none), '*' or ',v1,v2,'  ARGV[3] max data bytes
-- ARGV[4] max fields  ARGV[5..] groups of (field, op, json, expected):
--   op 'del' removes the field; 'set' writes json; 'cas' writes json only if the field still
--   holds `expected` and 'cas0' only if it is still absent (nested merges computed by the caller).
-- Returns {1, JSON [meta, data] (session_reply), grant, now}, or {0} when the id names no live session. Errors:
-- PRECONDITION_FAILED <version>, FIELD_CHANGED (caller recomputes), DATA_TOO_LARGE.
-- Nothing is written unless every check passes.
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

local bytes = meta.dataBytes
local fields = redis.call('HLEN', KEYS[2])
for i = 5, #ARGV, 4 do
  local field, op, json, expected = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local current = redis.call('HGET', KEYS[2], field)
  if op == 'cas' and current ~= expected then
    return redis.error_reply('TRELLIS_FIELD_CHANGED ' .. field)
  end
  if op == 'cas0' and current then
    return redis.error_reply('TRELLIS_FIELD_CHANGED ' .. field)
  end
  if current then
    bytes = bytes - #field - #current
    fields = fields - 1
  end
  if op ~= 'del' then
    bytes = bytes + #field + #json
    fields = fields + 1
  end
end
if bytes > tonumber(ARGV[3]) or fields > tonumber(ARGV[4]) then
  return redis.error_reply('TRELLIS_DATA_TOO_LARGE data would take ' .. bytes .. ' bytes in ' .. fields .. ' fields')
end

for i = 5, #ARGV, 4 do
  if ARGV[i + 1] == 'del' then
    redis.call('HDEL', KEYS[2], ARGV[i])
  else
    redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 2])
  end
end
session_keep(KEYS[1], KEYS[2])
redis.call('HSET', KEYS[1], 'version', meta.version + 1, 'dataBytes', bytes)
session_slide(KEYS[1], meta, now)
return session_reply(KEYS[1], KEYS[2], grant, now)
