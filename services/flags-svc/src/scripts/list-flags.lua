-- One page of flags in name order.
-- KEYS[1] revision counter  KEYS[2] flag names (sorted set, score 0)  KEYS[3] flags  KEYS[4] flag metadata
-- ARGV[1] start after this name ('' = from the start)  ARGV[2] page size  ARGV[3] name prefix ('' = any)
-- Returns {revision, names, JSONs, meta JSONs, more (0|1)}
local after, limit, prefix = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local min = '-'
if after ~= '' then
  min = '(' .. after
elseif prefix ~= '' then
  min = '[' .. prefix
end
local max = '+'
if prefix ~= '' then
  max = '[' .. prefix .. '\255'
end
local names = redis.call('ZRANGEBYLEX', KEYS[2], min, max, 'LIMIT', 0, limit + 1)
local more = 0
if #names > limit then
  more = 1
  names[#names] = nil
end
local jsons, metas = {}, {}
if #names > 0 then
  jsons = redis.call('HMGET', KEYS[3], unpack(names))
  metas = redis.call('HMGET', KEYS[4], unpack(names))
end
return {tonumber(redis.call('GET', KEYS[1]) or '0'), names, jsons, metas, more}
