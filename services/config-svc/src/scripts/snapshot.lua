-- The whole namespace at one revision: every value and its metadata, read in one step.
-- KEYS[1] revision counter of the namespace
-- KEYS[2] values of the namespace
-- KEYS[3] entries of the namespace
-- ARGV[1] a revision the caller already holds ('' none): when it is current, nothing else is sent
-- Returns {revision, unchanged (0|1), values [key, value, ...], entries [key, metadata, ...]}
local revision = tonumber(redis.call('GET', KEYS[1]) or '0')
if ARGV[1] ~= '' and tonumber(ARGV[1]) == revision then
  return {revision, 1, {}, {}}
end
return {revision, 0, redis.call('HGETALL', KEYS[2]), redis.call('HGETALL', KEYS[3])}
