-- Helpers shared by the flags scripts. One environment is one hash tag, so every flag and
-- segment of it, its indexes and its change log live in one cluster slot and one script can
-- keep them consistent. Entity metadata is a small JSON object beside the entity itself.

local function flags_int(n)
  return string.format('%d', n)
end

local function flags_meta_json(version, createRevision, modRevision, createdAt, updatedAt, updatedBy)
  return '{"version":' .. flags_int(version) .. ',"createRevision":' .. flags_int(createRevision)
    .. ',"modRevision":' .. flags_int(modRevision) .. ',"createdAt":' .. flags_int(createdAt)
    .. ',"updatedAt":' .. flags_int(updatedAt) .. ',"updatedBy":' .. cjson.encode(updatedBy) .. '}'
end

-- Next meta for an entity whose current meta is `currentJson` (nil when it is new).
local function flags_next_meta(currentJson, revision, now, updatedBy)
  if currentJson then
    local m = cjson.decode(currentJson)
    return flags_meta_json(m.version + 1, m.createRevision, revision, m.createdAt, now, updatedBy)
  end
  return flags_meta_json(1, revision, revision, now, now, updatedBy)
end

-- expected: '' = unconditional, 'absent' = must not exist (If-None-Match: *), 'present' = must
-- exist (If-Match: *), else the
-- modRevision the caller read (If-Match). Returns an error reply TRELLIS_PRECONDITION_FAILED
-- <current modRevision> for the caller to return, or nil.
local function flags_check_expected(currentJson, expected)
  if expected == '' then
    return nil
  end
  local current = nil
  if currentJson then
    current = cjson.decode(currentJson).modRevision
  end
  if expected == 'present' then
    if not current then
      return redis.error_reply('TRELLIS_PRECONDITION_FAILED ')
    end
    return nil
  end
  if expected == 'absent' then
    if current then
      return redis.error_reply('TRELLIS_PRECONDITION_FAILED ' .. flags_int(current))
    end
    return nil
  end
  if current == nil or current ~= tonumber(expected) then
    return redis.error_reply('TRELLIS_PRECONDITION_FAILED ' .. (current and flags_int(current) or ''))
  end
  return nil
end

local function flags_words(text)
  local out = {}
  for word in string.gmatch(text or '', '%S+') do
    out[#out + 1] = word
  end
  return out
end

local function flags_has_word(text, wanted)
  for word in string.gmatch(text or '', '%S+') do
    if word == wanted then
      return true
    end
  end
  return false
end

-- The first flag (other than `except`) whose space-separated list in `hashKey` names `wanted`.
local function flags_find_referrer(hashKey, wanted, except)
  local pairs_ = redis.call('HGETALL', hashKey)
  for i = 1, #pairs_, 2 do
    if pairs_[i] ~= except and flags_has_word(pairs_[i + 1], wanted) then
      return pairs_[i]
    end
  end
  return nil
end

-- Creates the environment's metadata on its first write; returns 1 when it did.
local function flags_touch_environment(metaKey, now)
  if redis.call('HSETNX', metaKey, 'createdAt', flags_int(now)) == 1 then
    return 1
  end
  return 0
end

local function flags_set_index(hashKey, name, words)
  if words == '' then
    redis.call('HDEL', hashKey, name)
  else
    redis.call('HSET', hashKey, name, words)
  end
end
