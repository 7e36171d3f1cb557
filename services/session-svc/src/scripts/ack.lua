-- Drops outbox entries up to a sequence number once they are in the change log; a tombstone
-- whose outbox is empty is deleted for good.
-- KEYS[1] meta  KEYS[2] data  KEYS[3] ids  KEYS[4] outbox
-- ARGV[1] highest published sequence number
-- Returns the number of entries dropped.
local upto = tonumber(ARGV[1])
local entries = redis.call('LRANGE', KEYS[4], 0, -1)
local drop = 0
for _, entry in ipairs(entries) do
  if tonumber(string.match(entry, '^(%d+)|')) <= upto then
    drop = drop + 1
  else
    break
  end
end
if drop > 0 then
  redis.call('LTRIM', KEYS[4], drop, -1)
end
if drop == #entries then
  local state = redis.call('HGET', KEYS[1], 'state')
  if state and state ~= 'live' then
    redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
  end
end
return drop
