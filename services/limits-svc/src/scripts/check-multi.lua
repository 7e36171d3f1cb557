-- Decides one call of one subject against up to 8 policies (per second + per minute + per day,
-- ...) in one atomic step: denied by any enforced policy, it is charged to none of the others.
-- Policy i (1..n) uses KEYS[3i-2] state, KEYS[3i-1] sliding-log sequence, KEYS[3i] block marker;
-- every key carries the subject's hash tag. Slots past n are filled with unused keys of that tag.
-- KEYS[1] KEYS[2] KEYS[3] policy 1
-- KEYS[4] KEYS[5] KEYS[6] policy 2
-- KEYS[7] KEYS[8] KEYS[9] policy 3
-- KEYS[10] KEYS[11] KEYS[12] policy 4
-- KEYS[13] KEYS[14] KEYS[15] policy 5
-- KEYS[16] KEYS[17] KEYS[18] policy 6
-- KEYS[19] KEYS[20] KEYS[21] policy 7
-- KEYS[22] KEYS[23] KEYS[24] policy 8
-- ARGV[1] mode: check | peek   ARGV[2] cost   ARGV[3] n
-- ARGV[4+6(i-1)..9+6(i-1)] policy i: algorithm, limit, window ms, burst, chargeRejected, shadow
-- Returns {nowMs, denied (0|1), one {limited, charged, capacity, remaining, resetAfterMs, retryAfterMs, blockedMs} per policy}
--!include now.lua
--!include limits-lib.lua

return lim_check(KEYS, ARGV)
