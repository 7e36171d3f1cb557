-- Decides (and charges) one call of one subject against ONE rate-limit policy.
-- KEYS[1] policy state   KEYS[2] sliding-log sequence   KEYS[3] block marker (all tagged by the subject)
-- ARGV[1] mode: check | peek   ARGV[2] cost   ARGV[3] 1
-- ARGV[4..9] algorithm, limit, window ms, burst, chargeRejected (0|1), shadow (0|1)
-- Returns {nowMs, denied (0|1), {limited, charged, capacity, remaining, resetAfterMs, retryAfterMs, blockedMs}}
--!include now.lua
--!include limits-lib.lua

return lim_check(KEYS, ARGV)
