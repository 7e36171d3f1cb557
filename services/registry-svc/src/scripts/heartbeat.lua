-- Renews one instance's lease and optionally changes its status.
-- KEYS[1] revision counter  KEYS[2] event stream  KEYS[3] deadlines (registry-wide)
-- KEYS[4] leases of this service  KEYS[5] registrations of this service  KEYS[6] states of this service
-- ARGV[1] service  ARGV[2] instanceId  ARGV[3] status ('' keeps it)  ARGV[4] stream max length
-- ARGV[5] '1': the caller wants no answer but whether the lease was renewed
-- Returns {found (0|1), registration, state, deadline}, or {found} with ARGV[5]. A lapsed lease
-- is never renewed: the caller must register again (and the lapse is reported as one 'expired'
-- event).
--!include now.lua
--!include changelog.lua
--!include registry-lib.lua

local service, id, status, maxLen, minimal = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5] == '1'
local now = now_ms()
local deadline = redis.call('ZSCORE', KEYS[4], id)
if not deadline then
  return {0}
end
if tonumber(deadline) <= now then
  registry_expire(KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], service, id, maxLen, now)
  return {0}
end
local registration = redis.call('HGET', KEYS[5], id)
local state = registry_parse_state(redis.call('HGET', KEYS[6], id))
local newStatus = status ~= '' and status or state.status
-- Never earlier than the lease already runs, even if Redis's clock stepped back: cached discover
-- answers rely on leases only growing between changes (registry_touch).
local newDeadline = math.max(now + state.ttl, tonumber(deadline))
local stateText = registry_state(state.epoch, state.registeredAt, newStatus, now, state.ttl)
redis.call('HSET', KEYS[6], id, stateText)
redis.call('ZADD', KEYS[4], newDeadline, id)
redis.call('ZADD', KEYS[3], newDeadline, service .. '/' .. id)
if newStatus ~= state.status then
  -- Only a status change moves the generation: a heartbeat that renews the lease alone leaves
  -- every replica's cached discover answer standing (see registry_touch).
  registry_touch(KEYS[6])
  changelog_emit(KEYS[1], KEYS[2], maxLen, 'status',
    registry_event(service, id, registration, stateText, newDeadline), now)
end
if minimal then
  return {1}
end
return {1, registration, stateText, newDeadline}
