-- Reads a whole environment at one revision: the features document and the snapshot source.
-- KEYS[1] revision counter  KEYS[2] environment metadata  KEYS[3] flags  KEYS[4] segments
-- Returns {exists (0|1), revision, flags (name, JSON pairs), segments (id, JSON pairs)}
local exists = redis.call('EXISTS', KEYS[2])
return {exists, tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('HGETALL', KEYS[3]),
  redis.call('HGETALL', KEYS[4])}
