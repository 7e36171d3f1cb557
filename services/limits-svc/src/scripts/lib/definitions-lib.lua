-- A definition (policy or quota) is stored as one JSON record per name:
-- {"revision":<rev>,"updatedAt":<ms>,"spec":<spec>}; the revision is the change log's.

local function def_revision(record)
  if not record then return 0 end
  return tonumber(string.match(record, '^{"revision":(%d+)')) or 0
end

-- '' matches anything, '*' any existing record, a number exactly that revision.
local function def_precondition(record, expected)
  if expected == '' then return nil end
  if expected == '*' then
    if record then return nil end
  elseif record and tonumber(expected) == def_revision(record) then
    return nil
  end
  return redis.error_reply('TRELLIS_PRECONDITION_FAILED ' .. def_revision(record))
end

local function def_event(kind, name, revision, record)
  return '{"kind":' .. cjson.encode(kind) .. ',"name":' .. cjson.encode(name) .. ',"revision":' .. revision
    .. ',"record":' .. (record or 'null') .. '}'
end
