-- Creates an environment (idempotent) and sets its description.
-- KEYS[1] environment metadata
-- ARGV[1] description JSON (a string, or null to leave it)
-- Returns 1 when the environment was created, 0 when it existed.
--!include now.lua
--!include flags-lib.lua
local created = flags_touch_environment(KEYS[1], now_ms())
if ARGV[1] ~= 'null' then
  redis.call('HSET', KEYS[1], 'description', cjson.decode(ARGV[1]))
end
return created
