-- Creates or replaces one flag of an environment, checking If-Match and references.
-- KEYS[1] revision counter of the environment
-- KEYS[2] event stream of the environment
-- KEYS[3] environment metadata (hash)
-- KEYS[4] flags: name -> feature JSON (Unleash client format)
-- KEYS[5] flag metadata: name -> meta JSON
-- KEYS[6] flag names (sorted set, score 0, for cursor pagination)
-- KEYS[7] dependency index: name -> space-separated parent names
-- KEYS[8] segment index: name -> space-separated segment ids
-- KEYS[9] segments: id -> segment JSON
-- ARGV[1] environment  ARGV[2] name  ARGV[3] feature JSON  ARGV[4] expected ('' | 'absent' | modRevision)
-- ARGV[5] parents (space-separated)  ARGV[6] segment ids (space-separated)  ARGV[7] updatedBy
-- ARGV[8] stream max length
-- Returns {outcome ('created' | 'updated' | 'unchanged'), meta JSON, revision, environment created (0|1)}
--!include now.lua
--!include changelog.lua
--!include flags-lib.lua

local env, name, feature, expected = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local parents, segments, updatedBy, maxLen = ARGV[5], ARGV[6], ARGV[7], ARGV[8]

local currentMeta = redis.call('HGET', KEYS[5], name)
if currentMeta == false then currentMeta = nil end
local failed = flags_check_expected(currentMeta, expected)
if failed then return failed end

for _, id in ipairs(flags_words(segments)) do
  if redis.call('HEXISTS', KEYS[9], id) == 0 then
    return redis.error_reply('TRELLIS_UNKNOWN_SEGMENT ' .. id)
  end
end
local parentList = flags_words(parents)
for _, parent in ipairs(parentList) do
  if redis.call('HEXISTS', KEYS[4], parent) == 0 then
    return redis.error_reply('TRELLIS_UNKNOWN_PARENT ' .. parent)
  end
  if redis.call('HEXISTS', KEYS[7], parent) == 1 then
    return redis.error_reply('TRELLIS_TRANSITIVE_DEPENDENCY ' .. parent .. ' depends on other flags itself')
  end
end
if #parentList > 0 then
  local child = flags_find_referrer(KEYS[7], name, name)
  if child then
    return redis.error_reply('TRELLIS_TRANSITIVE_DEPENDENCY ' .. child .. ' depends on ' .. name)
  end
end

local now = now_ms()
if currentMeta and redis.call('HGET', KEYS[4], name) == feature then
  return {'unchanged', currentMeta, tonumber(redis.call('GET', KEYS[1]) or '0'), 0}
end

local envCreated = flags_touch_environment(KEYS[3], now)
local revision = tonumber(redis.call('GET', KEYS[1]) or '0') + 1
local meta = flags_next_meta(currentMeta, revision, now, updatedBy)
redis.call('HSET', KEYS[4], name, feature)
redis.call('HSET', KEYS[5], name, meta)
redis.call('ZADD', KEYS[6], 0, name)
flags_set_index(KEYS[7], name, parents)
flags_set_index(KEYS[8], name, segments)
changelog_emit(KEYS[1], KEYS[2], maxLen, 'feature-updated',
  '{"environment":' .. cjson.encode(env) .. ',"feature":' .. feature .. ',"meta":' .. meta .. '}', now)
local outcome = 'updated'
if not currentMeta then outcome = 'created' end
return {outcome, meta, revision, envCreated}
