-- Test script: answers a domain error.
-- KEYS[1] any key
return redis.error_reply('TRELLIS_CONFLICT version 3 is not 2')
