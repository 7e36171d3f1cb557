-- Creates or replaces one document, conditionally, and records the change.
-- KEYS[1] document  KEYS[2] key index of the namespace  KEYS[3] expiry index of the namespace
-- KEYS[4] revision counter of the namespace  KEYS[5] event stream of the namespace
-- KEYS[6] highest fencing token seen per lock, for this namespace
-- ARGV[1] namespace  ARGV[2] key  ARGV[3] data JSON  ARGV[4] updatedBy
-- ARGV[5] ttl ms: 0 = no expiry, -1 = keep the current expiry (merge patch)
-- ARGV[6] precondition mode  ARGV[7] versions for 'match' (see state_check_precondition)
-- ARGV[8] fencing lock name ('' = unfenced)  ARGV[9] fencing token  ARGV[10] highest token issued
-- ARGV[11] stream max length  ARGV[12] grace ms before Redis itself drops an expired document
-- Returns {created (0|1), version, createdAt, updatedAt, expiresAt, previousVersion (0: none)}.
-- Refusals are error replies (TRELLIS_PRECONDITION_FAILED, TRELLIS_FENCING_TOKEN_*) raised
-- before anything is written; only a lapsed document is cleaned up (and reported) first.
--!include now.lua
--!include changelog.lua
--!include state-lib.lua

local ns, member, data, updatedBy = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local ttl, mode, versions = tonumber(ARGV[5]), ARGV[6], ARGV[7]
local lockName, token, issued = ARGV[8], tonumber(ARGV[9]), tonumber(ARGV[10])
local maxLen, grace = ARGV[11], tonumber(ARGV[12])
local now = now_ms()

local doc = state_read(KEYS[1])
if doc and not state_is_live(doc, now) then
  state_remove(KEYS[4], KEYS[5], maxLen, KEYS[1], KEYS[2], KEYS[3], ns, member, doc, 'expired', now)
  doc = nil
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

local expiresAt = 0
if ttl > 0 then
  expiresAt = now + ttl
elseif ttl < 0 and doc then
  expiresAt = doc.expiresAt
end

local version = tonumber(redis.call('GET', KEYS[4]) or '0') + 1
local written = { data = data, version = version, createdAt = doc and doc.createdAt or now, updatedAt = now,
                  updatedBy = updatedBy, expiresAt = expiresAt }
redis.call('HSET', KEYS[1], 'd', data, 'v', version, 'ca', written.createdAt, 'ua', now, 'ub', updatedBy,
  'ea', expiresAt)
-- A live document is in the key index already, and one without an expiry is in neither the
-- expiry index nor under a TTL (this script's own earlier writes saw to both): an update that
-- keeps it so skips those three commands, a third of the hot write's.
if not doc then
  redis.call('ZADD', KEYS[2], 0, member)
end
if expiresAt > 0 then
  redis.call('ZADD', KEYS[3], expiresAt, member)
  redis.call('PEXPIREAT', KEYS[1], expiresAt + grace)
elseif not doc or doc.expiresAt > 0 then
  redis.call('ZREM', KEYS[3], member)
  redis.call('PERSIST', KEYS[1])
end

local previousVersion = doc and doc.version or nil
local emitted = changelog_emit(KEYS[4], KEYS[5], maxLen, doc and 'updated' or 'created',
  state_event(ns, member, previousVersion, state_document_json(written)), now)
if emitted ~= version then
  -- Cannot happen while this script is the only writer of the counter; fail loudly if it does.
  return redis.error_reply('revision counter moved during the write')
end
return {doc and 0 or 1, version, written.createdAt, now, expiresAt, previousVersion or 0}
