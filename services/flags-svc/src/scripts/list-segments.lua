-- Every segment of an environment with its metadata.
-- KEYS[1] revision counter  KEYS[2] segments  KEYS[3] segment metadata
-- Returns {revision, segments (id, JSON pairs), metadata (id, JSON pairs)}
return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('HGETALL', KEYS[2]), redis.call('HGETALL', KEYS[3])}
