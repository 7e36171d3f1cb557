-- The route stored for a source and the destination's `*` route, with the revision they reflect.
-- KEYS[1] route revision counter
-- KEYS[2] routes hash (see put-route.lua)
-- ARGV[1] field of the source's route  ARGV[2] field of the `*` route
-- Returns {revision, source route or nil, `*` route or nil}
local own = redis.call('HGET', KEYS[2], ARGV[1])
local star = redis.call('HGET', KEYS[2], ARGV[2])
-- false (not nil) keeps the reply's later elements: a nil would end the Lua table there.
return {tonumber(redis.call('GET', KEYS[1]) or '0'), own or false, star or false}
