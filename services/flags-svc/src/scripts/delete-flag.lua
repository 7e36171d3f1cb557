-- Deletes one flag, unless another flag depends on it.
-- KEYS[1] revision counter  KEYS[2] event stream  KEYS[3] flags  KEYS[4] flag metadata
-- KEYS[5] flag names  KEYS[6] dependency index  KEYS[7] segment index
-- ARGV[1] environment  ARGV[2] name  ARGV[3] expected ('' | modRevision)  ARGV[4] stream max length
-- Returns the new revision.
--!include now.lua
--!include changelog.lua
--!include flags-lib.lua

local env, name, expected, maxLen = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local currentMeta = redis.call('HGET', KEYS[4], name)
if currentMeta == false then
  return redis.error_reply('TRELLIS_NOT_FOUND ' .. name)
end
local failed = flags_check_expected(currentMeta, expected)
if failed then return failed end
local child = flags_find_referrer(KEYS[6], name, name)
if child then
  return redis.error_reply('TRELLIS_HAS_DEPENDENTS ' .. child)
end
redis.call('HDEL', KEYS[3], name)
redis.call('HDEL', KEYS[4], name)
redis.call('ZREM', KEYS[5], name)
redis.call('HDEL', KEYS[6], name)
redis.call('HDEL', KEYS[7], name)
return changelog_emit(KEYS[1], KEYS[2], maxLen, 'feature-removed',
  '{"environment":' .. cjson.encode(env) .. ',"featureName":' .. cjson.encode(name) .. '}', now_ms())
