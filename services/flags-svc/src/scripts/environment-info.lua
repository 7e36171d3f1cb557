-- Describes one environment.
-- KEYS[1] revision counter  KEYS[2] environment metadata  KEYS[3] flags  KEYS[4] segments
-- Returns {exists (0|1), revision, createdAt, description, flag count, segment count}
local meta = redis.call('HMGET', KEYS[2], 'createdAt', 'description')
local exists = 1
if meta[1] == false then exists = 0 end
return {exists, tonumber(redis.call('GET', KEYS[1]) or '0'), meta[1], meta[2], redis.call('HLEN', KEYS[3]),
  redis.call('HLEN', KEYS[4])}
