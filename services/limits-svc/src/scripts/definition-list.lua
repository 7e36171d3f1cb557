-- One page of definitions in name order.
-- KEYS[1] names of this kind (sorted set)   KEYS[2] records of this kind
-- ARGV[1] start after this name ('' = from the first)   ARGV[2] page size
-- Returns {name1, record1, name2, record2, ...}
local from = '-'
if ARGV[1] ~= '' then from = '(' .. ARGV[1] end
local names = redis.call('ZRANGE', KEYS[1], from, '+', 'BYLEX', 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
if #names == 0 then return out end
local records = redis.call('HMGET', KEYS[2], unpack(names))
for i, name in ipairs(names) do
  if records[i] then
    out[#out + 1] = name
    out[#out + 1] = records[i]
  end
end
return out
