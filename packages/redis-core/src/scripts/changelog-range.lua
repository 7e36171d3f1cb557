-- Reads the events after a revision, or reports that they are gone.
-- KEYS[1] revision counter of the scope
-- KEYS[2] event stream of the scope
-- ARGV[1] afterRevision: return events with a revision greater than this
-- ARGV[2] count: at most this many events
-- Returns {currentRevision, compacted (0|1), entries}. compacted = 1 when events after
-- afterRevision were trimmed, or afterRevision is ahead of the counter (Redis lost its data).
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local after = tonumber(ARGV[1])
if after > current then
  return {current, 1, {}}
end
if after == current then
  return {current, 0, {}}
end
local entries = redis.call('XRANGE', KEYS[2], '(' .. after .. '-0', '+', 'COUNT', tonumber(ARGV[2]))
local first = entries[1]
if first == nil or tonumber(string.match(first[1], '^(%d+)')) ~= after + 1 then
  return {current, 1, {}}
end
return {current, 0, entries}
