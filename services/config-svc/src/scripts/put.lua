-- Writes one key: checks the preconditions, the schema revision the value was validated
-- against and the namespace quotas; then stores the value, records the version in the key's
-- history, bumps the namespace revision and appends the change event, all in this one step.
-- KEYS[1] revision counter of the namespace
-- KEYS[2] event stream of the namespace
-- KEYS[3] values of the namespace: key -> value JSON
-- KEYS[4] entries of the namespace: key -> "version|createRevision|modRevision|updatedAt|updatedBy"
-- KEYS[5] history of this key: version JSON, newest first
-- KEYS[6] namespace meta: bytes (sum of current value sizes), schemaRevision
-- ARGV[1] key  ARGV[2] value JSON  ARGV[3] If-Match ('' | '*' | revisions)  ARGV[4] If-None-Match (same)
-- ARGV[5] schemaRevision the value was validated against  ARGV[6] updatedBy  ARGV[7] history limit
-- ARGV[8] stream max length  ARGV[9] largest value carried inside the event  ARGV[10] max keys
-- ARGV[11] max namespace bytes  ARGV[12] rollbackOf ('' or a version)
-- Returns {version, createRevision, modRevision, updatedAt, created (0|1)}
-- Errors: PRECONDITION_FAILED <current modRevision>, SCHEMA_CHANGED <schemaRevision>, NAMESPACE_FULL keys|bytes
--!include now.lua
--!include changelog.lua
--!include config-lib.lua

local key, value, updatedBy, rollbackOf = ARGV[1], ARGV[2], ARGV[6], ARGV[12]
local entry = config_parse_entry(redis.call('HGET', KEYS[4], key))
local current = entry and entry.modRevision
if not config_preconditions_hold(current, ARGV[3], ARGV[4]) then
  return config_precondition_failed(current)
end
local schemaRevision = redis.call('HGET', KEYS[6], 'schemaRevision') or '0'
if schemaRevision ~= ARGV[5] then
  return redis.error_reply('TRELLIS_SCHEMA_CHANGED ' .. schemaRevision)
end
if not entry and redis.call('HLEN', KEYS[3]) >= tonumber(ARGV[10]) then
  return redis.error_reply('TRELLIS_NAMESPACE_FULL keys')
end
local oldBytes = entry and redis.call('HSTRLEN', KEYS[3], key) or 0
local bytes = tonumber(redis.call('HGET', KEYS[6], 'bytes') or '0') - oldBytes + #value
if bytes > tonumber(ARGV[11]) then
  return redis.error_reply('TRELLIS_NAMESPACE_FULL bytes')
end

local now = now_ms()
local revision = tonumber(redis.call('GET', KEYS[1]) or '0') + 1
local version, createRevision
if entry then
  version, createRevision = entry.version + 1, entry.createRevision
else
  version, createRevision = config_last_version(KEYS[5]) + 1, revision
end
redis.call('HSET', KEYS[3], key, value)
redis.call('HSET', KEYS[4], key, config_entry_text(version, createRevision, revision, now, updatedBy))
redis.call('HSET', KEYS[6], 'bytes', bytes)
config_push_history(KEYS[5], version, revision, now, updatedBy, value, rollbackOf, tonumber(ARGV[7]))
redis.call('PERSIST', KEYS[5])

local payload = '{"key":' .. cjson.encode(key) .. ',"version":' .. version .. ',"createRevision":' .. createRevision
  .. ',"updatedBy":' .. cjson.encode(updatedBy)
if rollbackOf ~= '' then payload = payload .. ',"rollbackOf":' .. rollbackOf end
if #value <= tonumber(ARGV[9]) then
  payload = payload .. ',"value":' .. value .. '}'
else
  payload = payload .. ',"valueOmitted":true}'
end
revision = changelog_emit(KEYS[1], KEYS[2], ARGV[8], 'put', payload, now)
return {version, createRevision, revision, now, entry and 0 or 1}
