-- Deletes one key: the deletion is a version of its own (a tombstone in the history, which is
-- kept for a while so the key can be rolled back to an earlier value), bumps the namespace
-- revision and appends the change event.
-- KEYS[1] revision counter of the namespace
-- KEYS[2] event stream of the namespace
-- KEYS[3] values of the namespace
-- KEYS[4] entries of the namespace
-- KEYS[5] history of this key
-- KEYS[6] namespace meta
-- ARGV[1] key  ARGV[2] If-Match ('' | '*' | revisions)  ARGV[3] updatedBy  ARGV[4] history limit
-- ARGV[5] stream max length  ARGV[6] how long to keep a deleted key's history, ms (0: until rewritten)
-- Returns {version, modRevision, updatedAt, keys left in the namespace}
-- Errors: NOT_FOUND, PRECONDITION_FAILED <current modRevision>
--!include now.lua
--!include changelog.lua
--!include config-lib.lua

local key, ifMatch, updatedBy = ARGV[1], ARGV[2], ARGV[3]
local entry = config_parse_entry(redis.call('HGET', KEYS[4], key))
if not entry then
  if ifMatch ~= '' then return config_precondition_failed(nil) end
  return redis.error_reply('TRELLIS_NOT_FOUND')
end
if not config_preconditions_hold(entry.modRevision, ifMatch, '') then
  return config_precondition_failed(entry.modRevision)
end

local now = now_ms()
local revision = tonumber(redis.call('GET', KEYS[1]) or '0') + 1
local version = entry.version + 1
redis.call('HINCRBY', KEYS[6], 'bytes', -redis.call('HSTRLEN', KEYS[3], key))
redis.call('HDEL', KEYS[3], key)
redis.call('HDEL', KEYS[4], key)
config_push_history(KEYS[5], version, revision, now, updatedBy, nil, '', tonumber(ARGV[4]))
if tonumber(ARGV[6]) > 0 then redis.call('PEXPIRE', KEYS[5], ARGV[6]) end

local payload = '{"key":' .. cjson.encode(key) .. ',"version":' .. version .. ',"updatedBy":' .. cjson.encode(updatedBy) .. '}'
revision = changelog_emit(KEYS[1], KEYS[2], ARGV[5], 'delete', payload, now)
return {version, revision, now, redis.call('HLEN', KEYS[3])}
