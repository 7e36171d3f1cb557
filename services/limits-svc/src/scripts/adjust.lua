-- Penalty (delta > 0 consumes) or reward (delta < 0 gives back) for one subject and policy.
-- KEYS[1] policy state   KEYS[2] sliding-log sequence   KEYS[3] block marker
-- ARGV[1] delta   ARGV[2..7] algorithm, limit, window ms, burst, chargeRejected, shadow
-- Returns {nowMs, {limited, charged, capacity, remaining, resetAfterMs, retryAfterMs, blockedMs}}
-- where limited tells whether a call of cost 1 would be denied now.
--!include now.lua
--!include limits-lib.lua

local now = now_ms()
local p = lim_policy(KEYS, 0, ARGV, 1)
local delta = tonumber(ARGV[1])
p.impl.apply(p, now, delta)
local blocked = lim_blocked_ms(p)
local limited = blocked > 0 or not p.impl.fits(p, p.impl.load(p, now), 1)
return { now, lim_report(p, now, 1, limited, delta, blocked) }
