-- Removes a session (logout, invalidate-all, eviction), leaving a tombstone whose outbox holds
-- the removal event until it is published.
-- KEYS[1] meta  KEYS[2] data  KEYS[3] ids  KEYS[4] outbox
-- ARGV[1] secret presented by the caller, or '' to remove by family (user-wide operations)
-- ARGV[2] reason (logout | invalidated | evicted | revoked)
-- Returns {1, userId, outbox entries}; {2, userId, outbox} when it was found past its deadline
-- (reported as 'expired', as the reaper would have); {0} when there was no live session.
--!include now.lua
--!include session-lib.lua

local now = now_ms()
local meta
if ARGV[1] ~= '' then
  meta = session_resolve(KEYS[1], KEYS[3], ARGV[1], now)
  if not meta then
    return {0}
  end
else
  meta = session_meta(KEYS[1])
  if not meta or meta.state ~= 'live' then
    return {0}
  end
end
if session_deadline(meta) <= now then
  session_tombstone(KEYS[1], KEYS[2], KEYS[3], KEYS[4], meta, 'expired', session_expiry_reason(meta), now)
  return {2, meta.user, redis.call('LRANGE', KEYS[4], 0, -1)}
end
session_tombstone(KEYS[1], KEYS[2], KEYS[3], KEYS[4], meta, 'deleted', ARGV[2], now)
return {1, meta.user, redis.call('LRANGE', KEYS[4], 0, -1)}
