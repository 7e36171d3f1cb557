-- Expires lapsed leases: each yields exactly one 'expired' event, however many registry-svc
-- replicas run this concurrently, because removal and event are one atomic step.
-- KEYS[1] revision counter  KEYS[2] event stream  KEYS[3] deadlines (registry-wide)
-- ARGV[1] key prefix of per-service lease sets  ARGV[2] ... registrations  ARGV[3] ... states
-- ARGV[4] at most this many per call  ARGV[5] stream max length
-- Returns the number of leases expired.
--!include now.lua
--!include changelog.lua
--!include registry-lib.lua

local now = now_ms()
local due = redis.call('ZRANGE', KEYS[3], '-inf', now, 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[4]))
local expired = 0
for _, member in ipairs(due) do
  local slash = string.find(member, '/', 1, true)
  local service, id = string.sub(member, 1, slash - 1), string.sub(member, slash + 1)
  local leases = ARGV[1] .. service
  local deadline = redis.call('ZSCORE', leases, id)
  if deadline and tonumber(deadline) <= now then
    registry_expire(KEYS[1], KEYS[2], KEYS[3], leases, ARGV[2] .. service, ARGV[3] .. service, service, id, ARGV[5], now)
    expired = expired + 1
  elseif not deadline then
    -- The deadline index outlived its lease (healing a partial state): drop it silently.
    redis.call('ZREM', KEYS[3], member)
  end
end
return expired
