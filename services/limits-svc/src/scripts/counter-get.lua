-- Reads a counter and its TTL together.
-- KEYS[1] counter
-- Returns {value|false, pttl}
return { redis.call('GET', KEYS[1]), redis.call('PTTL', KEYS[1]) }
