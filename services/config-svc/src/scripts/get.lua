-- Reads one key and the namespace revision it is current at, in one step.
-- KEYS[1] revision counter of the namespace
-- KEYS[2] values of the namespace
-- KEYS[3] entries of the namespace
-- ARGV[1] key
-- Returns {revision, value JSON or false, entry metadata or false}
return {
  tonumber(redis.call('GET', KEYS[1]) or '0'),
  redis.call('HGET', KEYS[2], ARGV[1]),
  redis.call('HGET', KEYS[3], ARGV[1]),
}
