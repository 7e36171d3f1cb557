-- One page of routes, read atomically with the revision it reflects.
-- KEYS[1] route revision counter
-- KEYS[2] routes hash (see put-route.lua)
-- KEYS[3] route index
-- ARGV[1] lexicographic start ('-' or '(<member>' or '[<member>')  ARGV[2] end ('+' or '[<member>')  ARGV[3] page size
-- Returns {revision, member1, value1, member2, value2, ...}
local members = redis.call('ZRANGEBYLEX', KEYS[3], ARGV[1], ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
local reply = {tonumber(redis.call('GET', KEYS[1]) or '0')}
for _, member in ipairs(members) do
  local value = redis.call('HGET', KEYS[2], member)
  if value then
    reply[#reply + 1] = member
    reply[#reply + 1] = value
  end
end
return reply
