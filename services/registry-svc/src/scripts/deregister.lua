-- Removes one instance now.
-- KEYS[1] revision counter  KEYS[2] event stream  KEYS[3] deadlines (registry-wide)
-- KEYS[4] leases of this service  KEYS[5] registrations of this service  KEYS[6] states of this service
-- ARGV[1] service  ARGV[2] instanceId  ARGV[3] stream max length
-- Returns 1 when a live instance was deregistered, 0 when there was none (a lapsed lease
-- found here is reported as 'expired', not 'deregistered').
--!include now.lua
--!include changelog.lua
--!include registry-lib.lua

local service, id, maxLen = ARGV[1], ARGV[2], ARGV[3]
local now = now_ms()
local deadline = redis.call('ZSCORE', KEYS[4], id)
if not deadline then
  return 0
end
if tonumber(deadline) <= now then
  registry_expire(KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], service, id, maxLen, now)
  return 0
end
local registration = redis.call('HGET', KEYS[5], id)
local stateText = redis.call('HGET', KEYS[6], id)
registry_remove(KEYS[3], KEYS[4], KEYS[5], KEYS[6], service, id)
changelog_emit(KEYS[1], KEYS[2], maxLen, 'deregistered',
  registry_event(service, id, registration, stateText, now), now)
return 1
