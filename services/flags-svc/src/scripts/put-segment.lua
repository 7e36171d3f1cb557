-- Creates (allocating an id when none is given) or replaces one segment.
-- KEYS[1] revision counter  KEYS[2] event stream  KEYS[3] environment metadata
-- KEYS[4] segments: id -> segment JSON  KEYS[5] segment metadata  KEYS[6] segment id sequence
-- ARGV[1] environment  ARGV[2] id ('' = allocate)  ARGV[3] name  ARGV[4] description JSON (string or null)
-- ARGV[5] constraints JSON  ARGV[6] expected ('' | 'absent' | modRevision)  ARGV[7] updatedBy
-- ARGV[8] stream max length
-- Returns {outcome, id, segment JSON, meta JSON, revision, environment created (0|1)}
--!include now.lua
--!include changelog.lua
--!include flags-lib.lua

local env, id, name, description, constraints = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local expected, updatedBy, maxLen = ARGV[6], ARGV[7], ARGV[8]

-- Segment ids are 32-bit (SegmentId, as in Unleash): the allocator never hands out a larger one.
local MAX_SEGMENT_ID = 2147483647

local currentMeta = nil
if id == '' then
  local candidate = tonumber(redis.call('GET', KEYS[6]) or '0')
  repeat
    candidate = candidate + 1
    if candidate > MAX_SEGMENT_ID then
      return redis.error_reply('TRELLIS_SEGMENT_IDS_EXHAUSTED every segment id up to ' .. MAX_SEGMENT_ID
        .. ' has been used; create the segment with PUT /v1/segments/{id} and a free id')
    end
  until redis.call('HEXISTS', KEYS[4], flags_int(candidate)) == 0
  redis.call('SET', KEYS[6], flags_int(candidate))
  id = flags_int(candidate)
else
  currentMeta = redis.call('HGET', KEYS[5], id)
  if currentMeta == false then currentMeta = nil end
  local failed = flags_check_expected(currentMeta, expected)
  if failed then return failed end
  -- Keep allocated ids clear of ids chosen by clients or imports.
  if tonumber(redis.call('GET', KEYS[6]) or '0') < tonumber(id) then
    redis.call('SET', KEYS[6], id)
  end
end

local segment = '{"id":' .. id .. ',"name":' .. cjson.encode(name) .. ',"description":' .. description
  .. ',"constraints":' .. constraints .. '}'
if currentMeta and redis.call('HGET', KEYS[4], id) == segment then
  return {'unchanged', id, segment, currentMeta, tonumber(redis.call('GET', KEYS[1]) or '0'), 0}
end

local now = now_ms()
local envCreated = flags_touch_environment(KEYS[3], now)
local revision = tonumber(redis.call('GET', KEYS[1]) or '0') + 1
local meta = flags_next_meta(currentMeta, revision, now, updatedBy)
redis.call('HSET', KEYS[4], id, segment)
redis.call('HSET', KEYS[5], id, meta)
changelog_emit(KEYS[1], KEYS[2], maxLen, 'segment-updated',
  '{"environment":' .. cjson.encode(env) .. ',"segment":' .. segment .. ',"meta":' .. meta .. '}', now)
local outcome = 'updated'
if not currentMeta then outcome = 'created' end
return {outcome, id, segment, meta, revision, envCreated}
