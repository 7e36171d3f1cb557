-- Applies an imported Unleash features document to an environment in one step.
-- KEYS[1] revision counter  KEYS[2] event stream  KEYS[3] environment metadata
-- KEYS[4] flags  KEYS[5] flag metadata  KEYS[6] flag names  KEYS[7] dependency index
-- KEYS[8] segment index  KEYS[9] segments  KEYS[10] segment metadata  KEYS[11] segment id sequence
-- ARGV[1] environment  ARGV[2] expected environment revision (the one the merged document was
-- validated against)  ARGV[3] replace (1: delete what the document lacks)  ARGV[4] updatedBy
-- ARGV[5] stream max length  ARGV[6] segment count S, then S pairs (id, segment JSON), then the
-- flag count F, then F quadruples (name, feature JSON, parents, segment ids)
-- Returns {revision, flags {created, updated, unchanged, deleted}, segments {...}, environment created}
--!include now.lua
--!include changelog.lua
--!include flags-lib.lua

local env, expected, replace, updatedBy, maxLen = ARGV[1], tonumber(ARGV[2]), ARGV[3] == '1', ARGV[4], ARGV[5]
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current ~= expected then
  return redis.error_reply('TRELLIS_CONFLICT ' .. flags_int(current))
end

local now = now_ms()
local envCreated = flags_touch_environment(KEYS[3], now)
local envJson = cjson.encode(env)
local flagCounts = {0, 0, 0, 0}
local segmentCounts = {0, 0, 0, 0}

-- Writes one entity if it changed; returns 1 created, 2 updated, 3 unchanged.
local function upsert(dataKey, metaKey, id, json, eventType, field)
  local currentMeta = redis.call('HGET', metaKey, id)
  if currentMeta == false then currentMeta = nil end
  if currentMeta and redis.call('HGET', dataKey, id) == json then
    return 3
  end
  local revision = tonumber(redis.call('GET', KEYS[1]) or '0') + 1
  local meta = flags_next_meta(currentMeta, revision, now, updatedBy)
  redis.call('HSET', dataKey, id, json)
  redis.call('HSET', metaKey, id, meta)
  changelog_emit(KEYS[1], KEYS[2], maxLen, eventType,
    '{"environment":' .. envJson .. ',"' .. field .. '":' .. json .. ',"meta":' .. meta .. '}', now)
  if currentMeta then return 2 end
  return 1
end

local i = 6
local segmentCount = tonumber(ARGV[i])
local keepSegments = {}
for _ = 1, segmentCount do
  local id, json = ARGV[i + 1], ARGV[i + 2]
  i = i + 2
  keepSegments[id] = true
  local outcome = upsert(KEYS[9], KEYS[10], id, json, 'segment-updated', 'segment')
  segmentCounts[outcome] = segmentCounts[outcome] + 1
  if tonumber(redis.call('GET', KEYS[11]) or '0') < tonumber(id) then
    redis.call('SET', KEYS[11], id)
  end
end

i = i + 1
local flagCount = tonumber(ARGV[i])
local keepFlags = {}
for _ = 1, flagCount do
  local name, json, parents, segments = ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  i = i + 4
  keepFlags[name] = true
  local outcome = upsert(KEYS[4], KEYS[5], name, json, 'feature-updated', 'feature')
  flagCounts[outcome] = flagCounts[outcome] + 1
  redis.call('ZADD', KEYS[6], 0, name)
  flags_set_index(KEYS[7], name, parents)
  flags_set_index(KEYS[8], name, segments)
end

if replace then
  for _, name in ipairs(redis.call('HKEYS', KEYS[4])) do
    if not keepFlags[name] then
      redis.call('HDEL', KEYS[4], name)
      redis.call('HDEL', KEYS[5], name)
      redis.call('ZREM', KEYS[6], name)
      redis.call('HDEL', KEYS[7], name)
      redis.call('HDEL', KEYS[8], name)
      changelog_emit(KEYS[1], KEYS[2], maxLen, 'feature-removed',
        '{"environment":' .. envJson .. ',"featureName":' .. cjson.encode(name) .. '}', now)
      flagCounts[4] = flagCounts[4] + 1
    end
  end
  for _, id in ipairs(redis.call('HKEYS', KEYS[9])) do
    if not keepSegments[id] then
      redis.call('HDEL', KEYS[9], id)
      redis.call('HDEL', KEYS[10], id)
      changelog_emit(KEYS[1], KEYS[2], maxLen, 'segment-removed',
        '{"environment":' .. envJson .. ',"segmentId":' .. id .. '}', now)
      segmentCounts[4] = segmentCounts[4] + 1
    end
  end
end

return {tonumber(redis.call('GET', KEYS[1]) or '0'), flagCounts, segmentCounts, envCreated}
