-- Expires a namespace's documents that are past their deadline, each with one 'expired' event.
-- KEYS[1] key index  KEYS[2] expiry index  KEYS[3] revision counter  KEYS[4] event stream
-- ARGV[1] document key prefix of the namespace  ARGV[2] namespace  ARGV[3] at most this many
-- ARGV[4] stream max length
-- Returns {expired count, next deadline in this namespace (-1: none left)}.
--!include now.lua
--!include changelog.lua
--!include state-lib.lua

local docPrefix, ns, limit, maxLen = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
local now = now_ms()
local due = redis.call('ZRANGE', KEYS[2], '-inf', now, 'BYSCORE', 'LIMIT', 0, limit)
local expired = 0
for _, member in ipairs(due) do
  local docKey = docPrefix .. member
  local doc = state_read(docKey)
  if doc and doc.expiresAt > 0 and doc.expiresAt <= now then
    state_remove(KEYS[3], KEYS[4], maxLen, docKey, KEYS[1], KEYS[2], ns, member, doc, 'expired', now)
    expired = expired + 1
  elseif doc and doc.expiresAt > 0 then
    redis.call('ZADD', KEYS[2], doc.expiresAt, member)
  else
    -- The document is gone or no longer expires: the index entry is stale.
    redis.call('ZREM', KEYS[2], member)
    if not doc then
      redis.call('ZREM', KEYS[1], member)
    end
  end
end
local nextDue = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
return {expired, nextDue[2] and tonumber(nextDue[2]) or -1}
