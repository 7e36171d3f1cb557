-- Sets the value schema of a key or key prefix. The service checked every current value the
-- schema covers at namespace revision ARGV[5]; if anything changed since, it must check again.
-- KEYS[1] revision counter of the namespace
-- KEYS[2] event stream of the namespace
-- KEYS[3] value schemas of the namespace: selector -> record JSON
-- KEYS[4] namespace meta: schemaRevision is set to this change's revision
-- ARGV[1] selector  ARGV[2] schema JSON  ARGV[3] If-Match ('' | '*' | revisions)  ARGV[4] If-None-Match
-- ARGV[5] namespace revision the current values were checked at  ARGV[6] updatedBy
-- ARGV[7] stream max length  ARGV[8] max schemas per namespace
-- Returns {revision, updatedAt, created (0|1)}
-- Errors: PRECONDITION_FAILED <current revision>, REVISION_CHANGED <revision>, SCHEMA_LIMIT
--!include now.lua
--!include changelog.lua
--!include config-lib.lua

local selector, schema, updatedBy = ARGV[1], ARGV[2], ARGV[6]
local previous = redis.call('HGET', KEYS[3], selector)
local current = previous and tonumber(string.match(previous, '^{"revision":(%d+)'))
if not config_preconditions_hold(current, ARGV[3], ARGV[4]) then
  return config_precondition_failed(current)
end
local revision = tonumber(redis.call('GET', KEYS[1]) or '0')
if revision ~= tonumber(ARGV[5]) then
  return redis.error_reply('TRELLIS_REVISION_CHANGED ' .. revision)
end
if not previous and redis.call('HLEN', KEYS[3]) >= tonumber(ARGV[8]) then
  return redis.error_reply('TRELLIS_SCHEMA_LIMIT')
end
local now = now_ms()
revision = revision + 1
redis.call('HSET', KEYS[3], selector, '{"revision":' .. revision .. ',"updatedAt":' .. now
  .. ',"updatedBy":' .. cjson.encode(updatedBy) .. ',"schema":' .. schema .. '}')
redis.call('HSET', KEYS[4], 'schemaRevision', revision)
revision = changelog_emit(KEYS[1], KEYS[2], ARGV[7], 'schema-put',
  '{"selector":' .. cjson.encode(selector) .. ',"updatedBy":' .. cjson.encode(updatedBy) .. '}', now)
return {revision, now, previous and 0 or 1}
