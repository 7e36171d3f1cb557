-- Blocks one subject for one policy for a duration: every check is denied until it lapses.
-- KEYS[1] policy state   KEYS[2] sliding-log sequence   KEYS[3] block marker
-- ARGV[1] duration ms   ARGV[2..7] algorithm, limit, window ms, burst, chargeRejected, shadow
-- Returns {nowMs, {limited, charged, capacity, remaining, resetAfterMs, retryAfterMs, blockedMs}}
--!include now.lua
--!include limits-lib.lua

local now = now_ms()
local p = lim_policy(KEYS, 0, ARGV, 1)
redis.call('SET', p.block, '1', 'PX', ARGV[1])
return { now, lim_report(p, now, 1, true, 0, lim_blocked_ms(p)) }
