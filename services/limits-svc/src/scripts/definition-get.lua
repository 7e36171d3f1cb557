-- Reads one definition together with the change log's revision, so a cache can order it
-- against the events it receives.
-- KEYS[1] revision counter   KEYS[2] records of this kind
-- ARGV[1] name
-- Returns {record JSON | false, revision}
return { redis.call('HGET', KEYS[2], ARGV[1]), tonumber(redis.call('GET', KEYS[1]) or '0') }
