-- Reads a service's health records together with the revision they reflect.
-- KEYS[1] health records of the service  KEYS[2] health revision of the service
-- ARGV[1] one instanceId, or '' for all
-- Returns {revision, id1, record1, id2, record2, ...}
local revision = tonumber(redis.call('GET', KEYS[2]) or '0')
if ARGV[1] ~= '' then
  local rec = redis.call('HGET', KEYS[1], ARGV[1])
  if not rec then return {revision} end
  return {revision, ARGV[1], rec}
end
local reply = redis.call('HGETALL', KEYS[1])
table.insert(reply, 1, revision)
return reply
