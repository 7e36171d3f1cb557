-- Helpers shared by the document scripts. A document is one hash under its namespace's hash tag:
--   d = data (JSON text exactly as state-svc serialised it; never decoded here, so no cjson
--       number or empty-table ambiguity can creep in), v = version (the namespace revision of
--       the write), ca = createdAt ms, ua = updatedAt ms, ub = updatedBy, ea = expiresAt ms (0: never)
-- Beside it, in the same slot: the namespace's key index (sorted set, score 0, ordered by key),
-- its expiry index (score = expiresAt), its revision counter and event stream, and the highest
-- fencing token seen per lock.

local function state_read(docKey)
  local f = redis.call('HMGET', docKey, 'd', 'v', 'ca', 'ua', 'ub', 'ea')
  if not f[2] then
    return nil
  end
  return { data = f[1], version = tonumber(f[2]), createdAt = tonumber(f[3]), updatedAt = tonumber(f[4]),
           updatedBy = f[5] or '', expiresAt = tonumber(f[6]) or 0 }
end

local function state_is_live(doc, now)
  return doc ~= nil and (doc.expiresAt == 0 or doc.expiresAt > now)
end

local function state_document_json(doc)
  return '{"version":' .. doc.version .. ',"createdAt":' .. doc.createdAt .. ',"updatedAt":' .. doc.updatedAt
    .. ',"updatedBy":' .. cjson.encode(doc.updatedBy) .. ',"expiresAt":' .. doc.expiresAt .. ',"data":' .. doc.data .. '}'
end

local function state_event(ns, key, previousVersion, documentJson)
  return '{"namespace":' .. cjson.encode(ns) .. ',"key":' .. cjson.encode(key)
    .. ',"previousVersion":' .. (previousVersion and tostring(previousVersion) or 'null')
    .. ',"document":' .. (documentJson or 'null') .. '}'
end

-- Removes a document and its index entries; emits `eventType` ('deleted' or 'expired').
local function state_remove(revKey, streamKey, maxLen, docKey, indexKey, expiriesKey, ns, member, doc, eventType, now)
  redis.call('DEL', docKey)
  redis.call('ZREM', indexKey, member)
  redis.call('ZREM', expiriesKey, member)
  return changelog_emit(revKey, streamKey, maxLen, eventType, state_event(ns, member, doc.version, nil), now)
end

-- Write preconditions, checked against the live document (nil when absent).
--   mode 'none' | 'exists' (If-Match: *) | 'absent' (If-None-Match: *) | 'match' (If-Match: "<v>", ...)
--   versions: space-separated acceptable versions for 'match'
-- Raises TRELLIS_PRECONDITION_FAILED <current version or empty>.
local function state_check_precondition(doc, mode, versions)
  local current = doc and tostring(doc.version) or ''
  local ok = true
  if mode == 'exists' then
    ok = doc ~= nil
  elseif mode == 'absent' then
    ok = doc == nil
  elseif mode == 'match' then
    ok = false
    if doc then
      for v in string.gmatch(versions, '%d+') do
        if v == current then
          ok = true
          break
        end
      end
    end
  end
  if not ok then
    return redis.error_reply('TRELLIS_PRECONDITION_FAILED ' .. current)
  end
  return nil
end

-- Fenced writes (Kleppmann): the resource refuses a token older than the newest it has seen for
-- that lock, and older than the newest the lock service had issued when the request arrived.
-- Raises TRELLIS_FENCING_TOKEN_STALE <highest> or TRELLIS_FENCING_TOKEN_UNKNOWN <issued>.
local function state_check_fence(fencesKey, lockName, token, issued)
  if lockName == '' then
    return nil
  end
  local seen = tonumber(redis.call('HGET', fencesKey, lockName) or '0')
  local highest = math.max(seen, issued)
  if token < highest then
    return redis.error_reply('TRELLIS_FENCING_TOKEN_STALE ' .. highest)
  end
  if token > highest then
    return redis.error_reply('TRELLIS_FENCING_TOKEN_UNKNOWN ' .. issued)
  end
  return nil
end

local function state_record_fence(fencesKey, lockName, token)
  if lockName ~= '' then
    redis.call('HSET', fencesKey, lockName, token)
  end
end
