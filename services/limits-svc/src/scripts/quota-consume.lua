-- Consumes from a calendar-period quota only if the whole amount fits: a refused consume
-- charges nothing. The key is per period and expires at the period's end.
-- KEYS[1] usage of one subject, quota and period
-- ARGV[1] amount   ARGV[2] limit   ARGV[3] period end, ms since epoch
-- Returns {admitted (0|1), used}
--!include now.lua

local amount, limit, period_end = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
if period_end <= now_ms() then
  return redis.error_reply('TRELLIS_PERIOD_OVER the period computed by the service already ended by the Redis clock')
end
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used + amount > limit then return { 0, used } end
used = redis.call('INCRBY', KEYS[1], ARGV[1])
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
return { 1, used }
