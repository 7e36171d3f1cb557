-- One page of a namespace's keys, in key order, from its key index (never a SCAN).
-- KEYS[1] key index  KEYS[2] expiry index  KEYS[3] revision counter  KEYS[4] event stream
-- ARGV[1] document key prefix of the namespace (the key completes it; same hash tag)
-- ARGV[2] namespace  ARGV[3] start after this key ('' = from the first)  ARGV[4] page size
-- ARGV[5] stream max length
-- Returns {revision, last key read ('' when the index is exhausted), key1, version1, updatedAt1,
-- expiresAt1, ...}. The index heals here: entries whose document is gone are dropped, and
-- documents past their expiry are expired (with their event) instead of being listed.
--!include now.lua
--!include changelog.lua
--!include state-lib.lua

local docPrefix, ns, after, limit, maxLen = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
local now = now_ms()
local from = after == '' and '-' or '(' .. after
local members = redis.call('ZRANGE', KEYS[1], from, '+', 'BYLEX', 'LIMIT', 0, limit)
local page = {0, ''}
if #members == limit then
  page[2] = members[#members]
end
for _, member in ipairs(members) do
  local docKey = docPrefix .. member
  local doc = state_read(docKey)
  if not doc then
    redis.call('ZREM', KEYS[1], member)
    redis.call('ZREM', KEYS[2], member)
  elseif not state_is_live(doc, now) then
    state_remove(KEYS[3], KEYS[4], maxLen, docKey, KEYS[1], KEYS[2], ns, member, doc, 'expired', now)
  else
    page[#page + 1] = member
    page[#page + 1] = doc.version
    page[#page + 1] = doc.updatedAt
    page[#page + 1] = doc.expiresAt
  end
end
page[1] = tonumber(redis.call('GET', KEYS[3]) or '0')
return page
