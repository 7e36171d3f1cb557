-- Gives back up to `amount` of what this period used (never below zero).
-- KEYS[1] usage of one subject, quota and period
-- ARGV[1] amount
-- Returns {refunded, used}
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local refunded = math.min(used, tonumber(ARGV[1]))
if refunded <= 0 then return { 0, used } end
if refunded == used then
  redis.call('DEL', KEYS[1])
  return { refunded, 0 }
end
return { refunded, redis.call('DECRBY', KEYS[1], refunded) }
