-- Deletes one segment, unless a flag uses it.
-- KEYS[1] revision counter  KEYS[2] event stream  KEYS[3] segments  KEYS[4] segment metadata
-- KEYS[5] segment index of flags: name -> space-separated segment ids
-- ARGV[1] environment  ARGV[2] id  ARGV[3] expected ('' | modRevision)  ARGV[4] stream max length
-- Returns the new revision.
--!include now.lua
--!include changelog.lua
--!include flags-lib.lua

local env, id, expected, maxLen = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local currentMeta = redis.call('HGET', KEYS[4], id)
if currentMeta == false then
  return redis.error_reply('TRELLIS_NOT_FOUND segment ' .. id)
end
local failed = flags_check_expected(currentMeta, expected)
if failed then return failed end
local user = flags_find_referrer(KEYS[5], id, nil)
if user then
  return redis.error_reply('TRELLIS_SEGMENT_IN_USE ' .. user)
end
redis.call('HDEL', KEYS[3], id)
redis.call('HDEL', KEYS[4], id)
return changelog_emit(KEYS[1], KEYS[2], maxLen, 'segment-removed',
  '{"environment":' .. cjson.encode(env) .. ',"segmentId":' .. id .. '}', now_ms())
