-- Claims namespaces whose next deadline has come, so one reaper (of many replicas) visits each.
-- KEYS[1] namespaces with expiring documents
-- ARGV[1] at most this many  ARGV[2] claim length ms (a crashed reaper's claim lapses after it)
-- Returns {namespace1, claim1, ...}: claim = the score written, to hand back to ttl-settle.
--!include now.lua

local now = now_ms()
local claim = now + tonumber(ARGV[2])
local due = redis.call('ZRANGE', KEYS[1], '-inf', now, 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[1]))
local result = {}
for _, ns in ipairs(due) do
  redis.call('ZADD', KEYS[1], claim, ns)
  result[#result + 1] = ns
  result[#result + 1] = claim
end
return result
