-- Helpers shared by the config scripts. A key is three entries under its namespace's hash tag:
-- its value (JSON text written by the service, stored verbatim and never decoded here, so
-- numbers and empty arrays survive byte for byte), its metadata string, and its history list.

-- Metadata: "version|createRevision|modRevision|updatedAt|updatedBy" (updatedBy last: it may hold '|').
local function config_entry_text(version, createRevision, modRevision, updatedAt, updatedBy)
  return version .. '|' .. createRevision .. '|' .. modRevision .. '|' .. updatedAt .. '|' .. updatedBy
end

local function config_parse_entry(text)
  if not text then return nil end
  local v, c, m, t, b = string.match(text, '^(%d+)|(%d+)|(%d+)|(%d+)|(.*)$')
  return { version = tonumber(v), createRevision = tonumber(c), modRevision = tonumber(m),
           updatedAt = tonumber(t), updatedBy = b }
end

-- ETag lists arrive as the decimal revisions they quote, e.g. "12,15"; "none" matches nothing.
local function config_listed(list, revision)
  for candidate in string.gmatch(list, '%d+') do
    if tonumber(candidate) == revision then return true end
  end
  return false
end

-- RFC 9110 §13.1.1-2 against the current modRevision (nil when the key is absent).
-- ifMatch / ifNoneMatch: '' (not sent), '*' or a revision list. Returns true when satisfied.
local function config_preconditions_hold(current, ifMatch, ifNoneMatch)
  if ifMatch ~= '' then
    if not current then return false end
    if ifMatch ~= '*' and not config_listed(ifMatch, current) then return false end
  end
  if ifNoneMatch ~= '' and current then
    if ifNoneMatch == '*' or config_listed(ifNoneMatch, current) then return false end
  end
  return true
end

local function config_precondition_failed(current)
  return redis.error_reply('TRELLIS_PRECONDITION_FAILED ' .. (current or ''))
end

-- Versions never restart while the key's history exists, even across a delete, so a version
-- number names one value for good (rollback targets stay unambiguous).
local function config_last_version(historyKey)
  local head = redis.call('LINDEX', historyKey, 0)
  if not head then return 0 end
  return tonumber(string.match(head, '^{"version":(%d+)')) or 0
end

-- History entries are JSON built here; "version" comes first so config_last_version can read it
-- without decoding, and the (possibly large) value comes last.
local function config_push_history(historyKey, version, revision, now, updatedBy, value, rollbackOf, limit)
  local text = '{"version":' .. version .. ',"revision":' .. revision .. ',"updatedAt":' .. now
    .. ',"updatedBy":' .. cjson.encode(updatedBy)
  if rollbackOf ~= '' then text = text .. ',"rollbackOf":' .. rollbackOf end
  if value then
    text = text .. ',"deleted":false,"value":' .. value .. '}'
  else
    text = text .. ',"deleted":true}'
  end
  redis.call('LPUSH', historyKey, text)
  redis.call('LTRIM', historyKey, 0, limit - 1)
end
