-- Notes that a namespace holds a document expiring at ARGV[2], so the reaper visits it then.
-- KEYS[1] namespaces with expiring documents (score = when to visit next; its own hash tag)
-- ARGV[1] namespace  ARGV[2] deadline ms
-- The score only ever moves earlier here, and always moves: a reaper that claimed the namespace
-- sees the change and does not drop it (see ttl-settle.lua).
local current = redis.call('ZSCORE', KEYS[1], ARGV[1])
local at = tonumber(ARGV[2])
if current then
  at = math.min(at, tonumber(current) - 1)
end
redis.call('ZADD', KEYS[1], at, ARGV[1])
return at
