-- Reads one flag or segment with its metadata at one revision.
-- KEYS[1] revision counter  KEYS[2] entities (flags or segments)  KEYS[3] their metadata
-- ARGV[1] name or id
-- Returns {revision, JSON or false, meta JSON or false}
return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('HGET', KEYS[2], ARGV[1]),
  redis.call('HGET', KEYS[3], ARGV[1])}
