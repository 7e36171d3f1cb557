-- Service names with their live instance counts; forgets names with no lease at all.
-- KEYS[1] revision counter  KEYS[2] service name set
-- ARGV[1] key prefix of per-service lease sets (the service name completes the key; all keys
--         share the registry hash tag, so this stays in one cluster slot)
-- Returns {revision, name1, count1, name2, count2, ...}
--!include now.lua

local now = now_ms()
local result = {tonumber(redis.call('GET', KEYS[1]) or '0')}
for _, name in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local leases = ARGV[1] .. name
  if redis.call('ZCARD', leases) == 0 then
    redis.call('SREM', KEYS[2], name)
  else
    result[#result + 1] = name
    result[#result + 1] = redis.call('ZCOUNT', leases, '(' .. now, '+inf')
  end
end
return result
