-- One page of a user's index, ordered by absolute expiry then family; drops entries whose
-- absolute expiry passed (they cannot be alive).
-- KEYS[1] the user's index
-- ARGV[1] cursor score ('' = from the start)  ARGV[2] cursor family  ARGV[3] page size
-- Returns {family1, score1, family2, score2, ...}
--!include now.lua

redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_ms())
local limit = tonumber(ARGV[3])
if ARGV[1] == '' then
  return redis.call('ZRANGE', KEYS[1], '-inf', '+inf', 'BYSCORE', 'LIMIT', 0, limit, 'WITHSCORES')
end
-- Members sharing the cursor's score sort by name: skip those up to and including the cursor.
local skip = 0
for _, member in ipairs(redis.call('ZRANGE', KEYS[1], ARGV[1], ARGV[1], 'BYSCORE')) do
  if member <= ARGV[2] then
    skip = skip + 1
  end
end
return redis.call('ZRANGE', KEYS[1], ARGV[1], '+inf', 'BYSCORE', 'LIMIT', skip, limit, 'WITHSCORES')
