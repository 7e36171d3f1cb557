-- Registers (or refreshes) one instance and starts its lease.
-- KEYS[1] revision counter of the registry
-- KEYS[2] event stream of the registry
-- KEYS[3] service name set
-- KEYS[4] deadlines: every lease in the registry, member "<service>/<instanceId>", score = deadline ms
-- KEYS[5] leases of this service: member instanceId, score = deadline ms
-- KEYS[6] registrations of this service: instanceId -> registration JSON
-- KEYS[7] states of this service: instanceId -> "epoch|registeredAt|status|lastHeartbeatAt|ttlMs"
-- KEYS[8] registration epoch counter
-- ARGV[1] service  ARGV[2] instanceId  ARGV[3] registration JSON  ARGV[4] ttl ms  ARGV[5] stream max length
-- Returns {created (0|1), state, deadline, revision}
--!include now.lua
--!include changelog.lua
--!include registry-lib.lua

local service, id, registration, ttl, maxLen = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
local now = now_ms()
local member = service .. '/' .. id
local deadline = redis.call('ZSCORE', KEYS[5], id)
local previous = redis.call('HGET', KEYS[6], id)
local created = 0
local epoch, registeredAt
local revision

if deadline and tonumber(deadline) <= now then
  -- The old lease lapsed before any reaper saw it: report that expiry first, exactly once.
  registry_expire(KEYS[1], KEYS[2], KEYS[4], KEYS[5], KEYS[6], KEYS[7], service, id, maxLen, now)
  deadline = nil
  previous = nil
end

local newDeadline = now + ttl
if deadline and previous then
  local state = registry_parse_state(redis.call('HGET', KEYS[7], id))
  epoch, registeredAt = state.epoch, state.registeredAt
  local changed = previous ~= registration or state.status ~= 'UP'
  local stateText = registry_state(epoch, registeredAt, 'UP', now, ttl)
  redis.call('HSET', KEYS[6], id, registration)
  redis.call('HSET', KEYS[7], id, stateText)
registry_touch(KEYS[7])
  redis.call('ZADD', KEYS[5], newDeadline, id)
  redis.call('ZADD', KEYS[4], newDeadline, member)
  if changed then
    revision = changelog_emit(KEYS[1], KEYS[2], maxLen, 'updated',
      registry_event(service, id, registration, stateText, newDeadline), now)
  end
  return {created, stateText, newDeadline, revision or tonumber(redis.call('GET', KEYS[1]) or '0')}
end

created = 1
epoch = redis.call('INCR', KEYS[8])
local stateText = registry_state(epoch, now, 'UP', now, ttl)
redis.call('SADD', KEYS[3], service)
redis.call('HSET', KEYS[6], id, registration)
redis.call('HSET', KEYS[7], id, stateText)
registry_touch(KEYS[7])
redis.call('ZADD', KEYS[5], newDeadline, id)
redis.call('ZADD', KEYS[4], newDeadline, member)
revision = changelog_emit(KEYS[1], KEYS[2], maxLen, 'registered',
  registry_event(service, id, registration, stateText, newDeadline), now)
return {created, stateText, newDeadline, revision}
