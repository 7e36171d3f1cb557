-- Removes the value schema of a key or key prefix.
-- KEYS[1] revision counter of the namespace
-- KEYS[2] event stream of the namespace
-- KEYS[3] value schemas of the namespace
-- KEYS[4] namespace meta
-- ARGV[1] selector  ARGV[2] If-Match ('' | '*' | revisions)  ARGV[3] updatedBy  ARGV[4] stream max length
-- ARGV[5] namespace revision at which the service checked the values this schema governed
-- against the schemas that govern them once it is gone
-- Returns the revision of the change.
-- Errors: NOT_FOUND, PRECONDITION_FAILED <current revision>, REVISION_CHANGED <revision>
--!include now.lua
--!include changelog.lua
--!include config-lib.lua

local selector, ifMatch, updatedBy = ARGV[1], ARGV[2], ARGV[3]
local previous = redis.call('HGET', KEYS[3], selector)
if not previous then
  if ifMatch ~= '' then return config_precondition_failed(nil) end
  return redis.error_reply('TRELLIS_NOT_FOUND')
end
local current = tonumber(string.match(previous, '^{"revision":(%d+)'))
if not config_preconditions_hold(current, ifMatch, '') then
  return config_precondition_failed(current)
end
if tonumber(redis.call('GET', KEYS[1]) or '0') ~= tonumber(ARGV[5]) then
  return redis.error_reply('TRELLIS_REVISION_CHANGED')
end
local now = now_ms()
redis.call('HDEL', KEYS[3], selector)
local revision = changelog_emit(KEYS[1], KEYS[2], ARGV[4], 'schema-delete',
  '{"selector":' .. cjson.encode(selector) .. ',"updatedBy":' .. cjson.encode(updatedBy) .. '}', now)
redis.call('HSET', KEYS[4], 'schemaRevision', revision)
return revision
