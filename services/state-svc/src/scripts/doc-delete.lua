-- Deletes one document, conditionally, and records the change.
-- KEYS[1] document  KEYS[2] key index  KEYS[3] expiry index  KEYS[4] revision counter
-- KEYS[5] event stream  KEYS[6] highest fencing token seen per lock
-- ARGV[1] namespace  ARGV[2] key  ARGV[3] precondition mode  ARGV[4] versions for 'match'
-- ARGV[5] fencing lock name ('' = unfenced)  ARGV[6] fencing token  ARGV[7] highest token issued
-- ARGV[8] stream max length
-- Returns {deleted (0: there was no live document), revision}. Refusals are error replies.
--!include now.lua
--!include changelog.lua
--!include state-lib.lua

local ns, member, mode, versions = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local lockName, token, issued, maxLen = ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[7]), ARGV[8]
local now = now_ms()

local doc = state_read(KEYS[1])
if doc and not state_is_live(doc, now) then
  state_remove(KEYS[4], KEYS[5], maxLen, KEYS[1], KEYS[2], KEYS[3], ns, member, doc, 'expired', now)
  doc = nil
end
if not doc then
  -- Without the document the answer is 404 whatever the preconditions say (RFC 9110 13.2.1).
  redis.call('ZREM', KEYS[2], member)
  return {0, tonumber(redis.call('GET', KEYS[4]) or '0')}
end

local err = state_check_fence(KEYS[6], lockName, token, issued)
if err then
  return err
end
err = state_check_precondition(doc, mode, versions)
if err then
  return err
end
state_record_fence(KEYS[6], lockName, token)
return {1, state_remove(KEYS[4], KEYS[5], maxLen, KEYS[1], KEYS[2], KEYS[3], ns, member, doc, 'deleted', now)}
