-- Deletes the route of one source -> destination (callers fall back to `*`, then the default).
-- KEYS[1] route revision counter
-- KEYS[2] route event stream
-- KEYS[3] routes hash (see put-route.lua)
-- KEYS[4] route index
-- ARGV[1] source  ARGV[2] destination  ARGV[3] If-Match revision ('' or '*' for none)  ARGV[4] stream max length
-- Returns {1, revision}, {0, current revision} on a failed precondition, or {-1} when there is no route
--!include now.lua
--!include changelog.lua
--!include mesh-lib.lua

local source, destination = ARGV[1], ARGV[2]
local field = destination .. '/' .. source
local current = mesh_parse_route(redis.call('HGET', KEYS[3], field))
if not current then return {-1} end
if ARGV[3] ~= '' and ARGV[3] ~= '*' and tonumber(ARGV[3]) ~= current.revision then return {0, current.revision} end
redis.call('HDEL', KEYS[3], field)
redis.call('ZREM', KEYS[4], field)
local revision = changelog_emit(KEYS[1], KEYS[2], ARGV[4], 'deleted', mesh_route_event(source, destination, nil), now_ms())
return {1, revision}
