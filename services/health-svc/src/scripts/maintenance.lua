-- Puts an instance into maintenance (status `maintenance` whatever its checks say) or takes it out.
-- KEYS[1] health records of the service  KEYS[2] health revision of the service
-- KEYS[3] health event stream of the service
-- ARGV[1] service  ARGV[2] instanceId  ARGV[3] '1' on, '0' off  ARGV[4] reason  ARGV[5] stream max length
-- Returns the record JSON. Error: TRELLIS_NOT_FOUND when the instance has no health record.
--!include now.lua
--!include changelog.lua
--!include health-lib.lua

local service, id = ARGV[1], ARGV[2]
local rec = health_load(KEYS[1], id)
if not rec then
  return redis.error_reply('TRELLIS_NOT_FOUND no health record for ' .. service .. '/' .. id)
end
local now = now_ms()
local before = health_reported(rec)
if ARGV[3] == '1' then
  if rec.ms == 0 then rec.ms = now end
  rec.m = ARGV[4]
else
  rec.ms = 0
  rec.m = ''
end
local after = health_reported(rec)
if after ~= before then rec.ss = now end
rec.s = after
rec.u = now
-- A new reason alone is not a status change: watchers are not woken for it.
local json = health_save(KEYS[1], KEYS[2], KEYS[3], ARGV[5], service, id, rec, after ~= before, before, now)
return json
