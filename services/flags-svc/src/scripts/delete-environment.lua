-- Deletes an empty environment. Its revision counter and stream stay, so revisions never repeat.
-- KEYS[1] revision counter  KEYS[2] event stream  KEYS[3] environment metadata  KEYS[4] flags
-- KEYS[5] segments
-- ARGV[1] environment  ARGV[2] stream max length
-- Returns the new revision.
--!include now.lua
--!include changelog.lua
if redis.call('EXISTS', KEYS[3]) == 0 then
  return redis.error_reply('TRELLIS_NOT_FOUND environment')
end
local flags, segments = redis.call('HLEN', KEYS[4]), redis.call('HLEN', KEYS[5])
if flags > 0 or segments > 0 then
  return redis.error_reply('TRELLIS_NOT_EMPTY ' .. flags .. ' flags and ' .. segments .. ' segments')
end
redis.call('DEL', KEYS[3])
return changelog_emit(KEYS[1], KEYS[2], ARGV[2], 'environment-deleted',
  '{"environment":' .. cjson.encode(ARGV[1]) .. '}', now_ms())
