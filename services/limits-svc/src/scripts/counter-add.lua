-- Adds a signed delta to a counter; a TTL given for a new counter is set in the same step.
-- KEYS[1] counter
-- ARGV[1] delta (signed integer)   ARGV[2] TTL ms for a counter this call creates ('' = none)
-- Returns {value, pttl (-1 = none)}
local current = redis.call('GET', KEYS[1])
local value = (tonumber(current) or 0) + tonumber(ARGV[1])
if math.abs(value) > 9007199254740991 then
  return redis.error_reply('TRELLIS_OUT_OF_RANGE the counter would leave the range of +-(2^53 - 1)')
end
value = redis.call('INCRBY', KEYS[1], ARGV[1])
if not current and ARGV[2] ~= '' then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return { value, redis.call('PTTL', KEYS[1]) }
