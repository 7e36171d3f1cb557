-- The live instances of one service, in one round trip, with the registry revision they reflect.
-- KEYS[1] revision counter  KEYS[2] leases of this service  KEYS[3] registrations  KEYS[4] states
-- ARGV[1] instanceId to fetch alone, or '' for all
-- ARGV[2] generation of the caller's cached answer ('' when it has none)
-- ARGV[3] ms until which that answer holds (its earliest lease deadline)
-- Returns {-1} when the cached answer still holds (same generation, no lease in it has lapsed),
-- else {revision, ids, deadlines, registrations, states, generation, now}. Leases past their
-- deadline are left out even before the reaper removes them.
--!include now.lua

local now = now_ms()
local generation = redis.call('HGET', KEYS[4], '#gen') or '0'
if ARGV[1] == '' and ARGV[2] == generation and now < tonumber(ARGV[3]) then
  return {-1}
end
local revision = tonumber(redis.call('GET', KEYS[1]) or '0')
local ids, deadlines = {}, {}
if ARGV[1] ~= '' then
  local deadline = redis.call('ZSCORE', KEYS[2], ARGV[1])
  if deadline and tonumber(deadline) > now then
    ids[1], deadlines[1] = ARGV[1], deadline
  end
else
  local live = redis.call('ZRANGE', KEYS[2], '(' .. now, '+inf', 'BYSCORE', 'WITHSCORES')
  for i = 1, #live, 2 do
    ids[#ids + 1] = live[i]
    deadlines[#deadlines + 1] = live[i + 1]
  end
end
if #ids == 0 then
  return {revision, {}, {}, {}, {}, generation, now}
end
return {revision, ids, deadlines, redis.call('HMGET', KEYS[3], unpack(ids)), redis.call('HMGET', KEYS[4], unpack(ids)),
  generation, now}
