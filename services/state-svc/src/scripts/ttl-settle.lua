-- Records when a visited namespace needs its next visit.
-- KEYS[1] namespaces with expiring documents
-- ARGV[1] namespace  ARGV[2] the claim score ttl-claim wrote  ARGV[3] next deadline (-1: none)
-- A writer that scheduled a deadline since the claim changed the score (ttl-schedule always
-- moves it earlier): then the earlier of both wins and the namespace is never dropped.
local current = redis.call('ZSCORE', KEYS[1], ARGV[1])
local claim, nextDue = tonumber(ARGV[2]), tonumber(ARGV[3])
if not current then
  if nextDue >= 0 then
    redis.call('ZADD', KEYS[1], nextDue, ARGV[1])
  end
  return 1
end
current = tonumber(current)
if current == claim then
  if nextDue >= 0 then
    redis.call('ZADD', KEYS[1], nextDue, ARGV[1])
  else
    redis.call('ZREM', KEYS[1], ARGV[1])
  end
elseif nextDue >= 0 and nextDue < current then
  redis.call('ZADD', KEYS[1], nextDue, ARGV[1])
end
return 1
