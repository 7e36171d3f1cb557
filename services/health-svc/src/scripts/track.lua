-- Starts tracking a registered instance: creates its health record (critical until checked, as
-- Consul does) unless one exists for this registration or it was removed since.
-- KEYS[1] health records of the service  KEYS[2] check settings of the service
-- KEYS[3] health revision of the service  KEYS[4] health event stream of the service
-- KEYS[5] tombstones of the service (hash instanceId -> epoch)  KEYS[6] tombstone times (zset, ms)
-- ARGV[1] service  ARGV[2] instanceId  ARGV[3] registration epoch  ARGV[4] default settings JSON
-- ARGV[5] stream max length
-- Returns 1 when a record was created (or replaced an older registration's), else 0.
--!include now.lua
--!include changelog.lua
--!include health-lib.lua

local service, id, epoch = ARGV[1], ARGV[2], tonumber(ARGV[3])
local gone = redis.call('HGET', KEYS[5], id)
if gone then
  if tonumber(gone) >= epoch then return 0 end
  -- Registered again after its removal: the tombstone has done its job.
  redis.call('HDEL', KEYS[5], id)
  redis.call('ZREM', KEYS[6], id)
end
local rec = health_load(KEYS[1], id)
if rec and rec.e >= epoch then return 0 end
local previous = rec and health_reported(rec) or nil
local now = now_ms()
local settings = health_settings(KEYS[2], ARGV[4])
health_save(KEYS[1], KEYS[3], KEYS[4], ARGV[5], service, id, health_new_record(epoch, now, settings.type), true, previous, now)
return 1
