-- Stops tracking an instance that left the registry: removes its health record (one 'removed'
-- event however many replicas call this) and leaves a tombstone, so a replica whose registry view
-- lags cannot bring the record back for the same registration.
-- KEYS[1] health records of the service  KEYS[2] check claim of the instance
-- KEYS[3] health revision of the service  KEYS[4] health event stream of the service
-- KEYS[5] tombstones of the service (hash instanceId -> epoch)  KEYS[6] tombstone times (zset, ms)
-- ARGV[1] service  ARGV[2] instanceId  ARGV[3] registration epoch that ended
-- ARGV[4] stream max length  ARGV[5] tombstone lifetime ms
-- ARGV[6] '' always; else only when the record was last written more than this many ms ago (sweeper)
-- Returns 1 when a record was removed, else 0.
--!include now.lua
--!include changelog.lua
--!include health-lib.lua

local service, id, epoch = ARGV[1], ARGV[2], tonumber(ARGV[3])
local now = now_ms()
local rec = health_load(KEYS[1], id)
if ARGV[6] ~= '' and not (rec and rec.e <= epoch and rec.u < now - tonumber(ARGV[6])) then
  return 0
end

local removed = 0
if rec and rec.e <= epoch then
  redis.call('HDEL', KEYS[1], id)
  changelog_emit(KEYS[3], KEYS[4], ARGV[4], 'removed', health_event(service, id, health_reported(rec), nil), now)
  removed = 1
end
redis.call('DEL', KEYS[2])

local gone = tonumber(redis.call('HGET', KEYS[5], id) or '-1')
if epoch > gone then redis.call('HSET', KEYS[5], id, epoch) end
redis.call('ZADD', KEYS[6], now, id)
-- Tombstones are only needed while views can lag; drop the old ones a few at a time.
local old = redis.call('ZRANGE', KEYS[6], '-inf', now - tonumber(ARGV[5]), 'BYSCORE', 'LIMIT', 0, 20)
for _, oldId in ipairs(old) do
  redis.call('HDEL', KEYS[5], oldId)
  redis.call('ZREM', KEYS[6], oldId)
end
return removed
