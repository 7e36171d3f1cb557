-- Claims this interval's check of one instance for one replica: at most one replica wins each
-- slot, however many try. Slots are aligned per instance (slot start = now - (now - phase) mod
-- interval, on the Redis clock), so every replica agrees on them; the claim stores the slot's
-- start time, not its number, so changing the interval never makes an old claim look newer.
-- Two claims are also never closer than half an interval: a first check made late in its slot
-- (a new instance is checked at once) is not followed by another a moment later.
-- KEYS[1] check claim of the instance ("<slot start ms>|<claimed at ms>|<replica>")
-- KEYS[2] check settings of the service
-- ARGV[1] replica id  ARGV[2] phase seed (a hash of the instance, any non-negative integer)
-- ARGV[3] default settings JSON  ARGV[4] '1' to claim, '0' only to learn the timing
-- Returns {won (0|1), now ms, slot start ms, next slot start ms, settings JSON}
--!include now.lua
--!include health-lib.lua

local now = now_ms()
local settings, settingsJson = health_settings(KEYS[2], ARGV[3])
local interval = tonumber(settings.intervalMs)
local phase = tonumber(ARGV[2]) % interval
local slotStart = now - ((now - phase) % interval)
local nextStart = slotStart + interval
if ARGV[4] ~= '1' then
  return {0, now, slotStart, nextStart, settingsJson}
end
local stored = redis.call('GET', KEYS[1])
if stored then
  local storedStart, claimedAt = string.match(stored, '^(%d+)|(%d+)|')
  if tonumber(storedStart) >= slotStart or now - tonumber(claimedAt) < interval / 2 then
    return {0, now, slotStart, nextStart, settingsJson}
  end
end
-- Outlives the slot so a late result can still be matched against it; gone for removed instances.
redis.call('SET', KEYS[1], slotStart .. '|' .. now .. '|' .. ARGV[1], 'PX', math.max(interval * 3, 10000))
return {1, now, slotStart, nextStart, settingsJson}
