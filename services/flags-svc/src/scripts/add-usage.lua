-- Adds evaluation counts to one flag's usage hash for one day and keeps it for the retention.
-- KEYS[1] usage hash: "<minute ms>:y" / ":n" / ":v:<variant>" -> count
-- ARGV[1] retention seconds, then (field, increment) pairs
for i = 2, #ARGV, 2 do
  redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1
