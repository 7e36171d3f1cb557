-- Creates or replaces the route of one source -> destination, under optional preconditions.
-- KEYS[1] route revision counter
-- KEYS[2] route event stream
-- KEYS[3] routes: "<destination>/<source>" -> "revision|createdAt|updatedAt|<policy JSON>"
-- KEYS[4] route index: sorted set of "<destination>/<source>" (lexicographic pages)
-- ARGV[1] source  ARGV[2] destination  ARGV[3] policy JSON
-- ARGV[4] If-Match revision ('' for none, '*' for any existing route)  ARGV[5] '1' when the route must not exist yet (If-None-Match: *)
-- ARGV[6] stream max length
-- Returns {1, revision, createdAt, updatedAt, created (0|1)} or {0, current revision (0 when absent)}
--!include now.lua
--!include changelog.lua
--!include mesh-lib.lua

local source, destination, policy = ARGV[1], ARGV[2], ARGV[3]
local field = destination .. '/' .. source
local current = mesh_parse_route(redis.call('HGET', KEYS[3], field))
local currentRevision = current and current.revision or 0
if ARGV[4] ~= '' and (not current or (ARGV[4] ~= '*' and tonumber(ARGV[4]) ~= currentRevision)) then
  return {0, currentRevision}
end
if ARGV[5] == '1' and current then return {0, currentRevision} end

local now = now_ms()
local revision = changelog_emit(KEYS[1], KEYS[2], ARGV[6], 'updated', mesh_route_event(source, destination, policy), now)
local createdAt = current and current.createdAt or now
redis.call('HSET', KEYS[3], field, revision .. '|' .. createdAt .. '|' .. now .. '|' .. policy)
redis.call('ZADD', KEYS[4], 0, field)
return {1, revision, createdAt, now, current and 0 or 1}
