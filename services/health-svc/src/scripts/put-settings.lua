-- Replaces a service's check settings; watchers get one 'check' event.
-- KEYS[1] check settings of the service  KEYS[2] health revision of the service
-- KEYS[3] health event stream of the service
-- ARGV[1] service  ARGV[2] settings JSON (complete, without version)  ARGV[3] expected version ('' any)
-- ARGV[4] stream max length
-- Returns the stored settings JSON. Error: TRELLIS_PRECONDITION_FAILED <current version>.
--!include now.lua
--!include changelog.lua

local current = redis.call('GET', KEYS[1])
local version = 0
if current then version = tonumber(cjson.decode(current).version) or 0 end
if ARGV[3] ~= '' and tonumber(ARGV[3]) ~= version then
  return redis.error_reply('TRELLIS_PRECONDITION_FAILED ' .. version)
end
local now = now_ms()
local settings = cjson.decode(ARGV[2])
settings.version = version + 1
settings.updatedAtMs = now
local json = cjson.encode(settings)
redis.call('SET', KEYS[1], json)
changelog_emit(KEYS[2], KEYS[3], ARGV[4], 'check',
  '{"service":' .. cjson.encode(ARGV[1]) .. ',"instanceId":null,"previousStatus":null,"record":null,"check":' .. json .. '}', now)
return json
