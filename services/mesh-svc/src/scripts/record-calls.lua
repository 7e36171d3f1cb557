-- Adds one source -> destination minute of calls to its histogram and to the destination's
-- all-sources histogram. Counts only ever grow by HINCRBY, so reports from any number of
-- mesh-svc replicas and clients add up exactly.
-- KEYS[1] calls of this source -> destination in this minute (hash)
-- KEYS[2] calls of every source -> destination in this minute (hash)
-- ARGV[1] time to live ms  ARGV[2..] field, increment, field, increment, ...
--   fields: n (calls), f (failures), us (latency sum, microseconds), b<index> (calls in latency bucket <index>)
for i = 2, #ARGV, 2 do
  local increment = tonumber(ARGV[i + 1])
  redis.call('HINCRBY', KEYS[1], ARGV[i], increment)
  redis.call('HINCRBY', KEYS[2], ARGV[i], increment)
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
return 1
