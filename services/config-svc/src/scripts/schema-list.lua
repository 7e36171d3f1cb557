-- The namespace's value schemas and the revision of their last change, read in one step.
-- KEYS[1] value schemas of the namespace: selector -> record JSON
-- KEYS[2] namespace meta
-- Returns {schemaRevision, [selector, record, ...]}
return {tonumber(redis.call('HGET', KEYS[2], 'schemaRevision') or '0'), redis.call('HGETALL', KEYS[1])}
