-- Rate-limit algorithms shared by check, check-multi, adjust and block. Every policy of one
-- subject owns three keys under the SUBJECT's hash tag (so several policies of one subject can
-- be decided together on Redis Cluster):
--   state  the algorithm's state (see each algorithm below)
--   seq    sliding-log only: a sequence that makes every log member unique
--   block  present while the subject is blocked by hand for this policy (PX = remaining block)
--
-- A policy is a table {algo, limit, window (ms), burst, charge_rejected, shadow, key, seq, block}.
-- Each algorithm has:
--   load(p, now) -> s              read-only snapshot
--   fits(p, s, cost) -> bool       would `cost` be admitted now
--   apply(p, now, amount, s)       charge `amount` (negative gives back); sets the TTL in the same step.
--                                  `s`, when given, is load()'s snapshot taken in this script (saves
--                                  reading it again); returns the snapshot after the charge, or nil
--                                  when only a fresh load() can tell
--   remaining(p, s)                whole units still available
--   reset_after(p, s, now)         ms until the full capacity is available again
--   retry_after(p, s, now, cost)   ms until `cost` would be admitted (0 when it is now)

local EPSILON = 1e-6

local function lim_fmt(x)
  return string.format('%.4f', x)
end

local function lim_ceil(x)
  if x <= 0 then return 0 end
  return math.ceil(x - EPSILON)
end

-- fixed-window: hash {w = window index, c = count}; windows are aligned to the epoch (as Envoy).
local function build_fixed_window()
  local fixed = {}
  function fixed.load(p, now)
    local win = math.floor(now / p.window)
    local stored = redis.call('HMGET', p.key, 'w', 'c')
    local count, stored_win = 0, tonumber(stored[1])
    if stored_win == win then count = tonumber(stored[2]) or 0 end
    return { win = win, count = count, window_end = (win + 1) * p.window, stored = stored_win == win }
  end
  function fixed.fits(p, s, cost) return s.count + cost <= p.limit end
  function fixed.apply(p, now, amount, s)
    s = s or fixed.load(p, now)
    local count = math.max(0, s.count + amount)
    if count == 0 then
      redis.call('DEL', p.key)
    else
      redis.call('HSET', p.key, 'w', s.win, 'c', count)
      -- A key already holding this window got its expiry when the window began: setting it
      -- again would cost a command and an AOF entry on every call.
      if not s.stored then redis.call('PEXPIREAT', p.key, s.window_end) end
    end
    return { win = s.win, count = count, window_end = s.window_end, stored = true }
  end
  function fixed.remaining(p, s) return math.max(0, p.limit - s.count) end
  function fixed.reset_after(p, s, now)
    if s.count > 0 then return s.window_end - now end
    return 0
  end
  function fixed.retry_after(p, s, now, cost)
    if fixed.fits(p, s, cost) then return 0 end
    return s.window_end - now
  end
  return fixed
end

-- sliding-log: sorted set of members "<ms>:<seq>" scored by time; one member per unit of cost.
-- Exact: a call is admitted only if the last `window` ms hold at most limit - cost members.
local function build_sliding_log()
  local slog = {}
  local function slog_floor(p, now) return '(' .. (now - p.window) end
  function slog.load(p, now)
    return { count = redis.call('ZCOUNT', p.key, slog_floor(p, now), '+inf') }
  end
  function slog.fits(p, s, cost) return s.count + cost <= p.limit end
  function slog.apply(p, now, amount, _)
    redis.call('ZREMRANGEBYSCORE', p.key, '-inf', now - p.window)
    if amount > 0 then
      -- Only the newest `limit` members are kept (below), so a charge beyond the limit (a huge
      -- penalty, a charged rejection) adds just `limit` of them: the cost is O(limit), never
      -- O(amount), which would hold Redis for minutes.
      local added = math.min(amount, p.limit)
      local last = redis.call('INCRBY', p.seq, added)
      local first = last - added + 1
      local i = first
      while i <= last do
        local args = {}
        local upto = math.min(last, i + 499)
        for n = i, upto do
          args[#args + 1] = now
          args[#args + 1] = now .. ':' .. n
        end
        redis.call('ZADD', p.key, unpack(args))
        i = upto + 1
      end
      -- Charged beyond the limit (rejected calls, penalties): keep only the newest `limit`
      -- members, so memory stays bounded and the subject waits a full window after the flood.
      local size = redis.call('ZCARD', p.key)
      if size > p.limit then redis.call('ZREMRANGEBYRANK', p.key, 0, size - p.limit - 1) end
    elseif amount < 0 then
      redis.call('ZPOPMAX', p.key, -amount)
    end
    if redis.call('ZCARD', p.key) == 0 then
      redis.call('DEL', p.key, p.seq)
    else
      redis.call('PEXPIRE', p.key, p.window)
      redis.call('PEXPIRE', p.seq, p.window)
    end
    return nil
  end
  function slog.remaining(p, s) return math.max(0, p.limit - s.count) end
  function slog.reset_after(p, s, now)
    local newest = redis.call('ZREVRANGEBYSCORE', p.key, '+inf', slog_floor(p, now), 'WITHSCORES', 'LIMIT', 0, 1)
    if newest[2] then return math.max(0, tonumber(newest[2]) + p.window - now) end
    return 0
  end
  function slog.retry_after(p, s, now, cost)
    local excess = s.count + cost - p.limit
    if excess <= 0 then return 0 end
    -- The call fits once the `excess` oldest members in the window have aged out.
    local member = redis.call('ZRANGEBYSCORE', p.key, slog_floor(p, now), '+inf', 'WITHSCORES', 'LIMIT', excess - 1, 1)
    if member[2] then return math.max(1, tonumber(member[2]) + p.window - now) end
    return p.window
  end
  return slog
end

-- sliding-window: Cloudflare's two counters, hash {w = window index, c = current, p = previous};
-- rate = previous * (window - elapsed) / window + current.
local function build_sliding_window()
  local swin = {}
  function swin.load(p, now)
    local win = math.floor(now / p.window)
    local stored = redis.call('HMGET', p.key, 'w', 'c', 'p')
    local w = tonumber(stored[1])
    local curr, prev = 0, 0
    if w == win then
      curr, prev = tonumber(stored[2]) or 0, tonumber(stored[3]) or 0
    elseif w == win - 1 then
      prev = tonumber(stored[2]) or 0
    end
    local elapsed = now - win * p.window
    return { win = win, curr = curr, prev = prev, elapsed = elapsed,
             rate = prev * (p.window - elapsed) / p.window + curr, stored = w == win }
  end
  function swin.fits(p, s, cost) return s.rate + cost <= p.limit + EPSILON end
  function swin.apply(p, now, amount, s)
    s = s or swin.load(p, now)
    local curr, prev = s.curr + amount, s.prev
    if curr < 0 then
      prev = math.max(0, prev + curr)
      curr = 0
    end
    if curr == 0 and prev == 0 then
      redis.call('DEL', p.key)
    else
      redis.call('HSET', p.key, 'w', s.win, 'c', curr, 'p', prev)
      -- The current count still weighs on the next window, so it lives until that one ends
      -- (set once per window, as for fixed-window).
      if not s.stored then redis.call('PEXPIREAT', p.key, (s.win + 2) * p.window) end
    end
    return { win = s.win, curr = curr, prev = prev, elapsed = s.elapsed,
             rate = prev * (p.window - s.elapsed) / p.window + curr, stored = true }
  end
  function swin.remaining(p, s) return math.max(0, math.floor(p.limit - s.rate + EPSILON)) end
  function swin.reset_after(p, s, now)
    if s.curr > 0 then return (p.window - s.elapsed) + p.window end
    if s.prev > 0 then return p.window - s.elapsed end
    return 0
  end
  function swin.retry_after(p, s, now, cost)
    local excess = s.rate + cost - p.limit
    if excess <= EPSILON then return 0 end
    local to_next = p.window - s.elapsed
    -- Within this window the rate falls by prev/window per ms.
    if s.prev > 0 then
      local wait = excess * p.window / s.prev
      if wait <= to_next then return math.max(1, lim_ceil(wait)) end
    end
    -- From the next window on, this window's count becomes the falling previous one.
    local excess_next = s.curr + cost - p.limit
    if excess_next <= EPSILON or s.curr <= 0 then return math.max(1, to_next) end
    return to_next + math.max(1, lim_ceil(excess_next * p.window / s.curr))
  end
  return swin
end

-- token-bucket: hash {t = tokens, ts = last update ms}; capacity limit + burst, refilled at
-- limit per window. An absent key is a full bucket. Debt (charged rejections) stops at -capacity.
local function build_token_bucket()
  local bucket = {}
  local function bucket_capacity(p) return p.limit + p.burst end
  local function bucket_rate(p) return p.limit / p.window end
  function bucket.load(p, now)
    local capacity = bucket_capacity(p)
    local stored = redis.call('HMGET', p.key, 't', 'ts')
    local tokens = capacity
    if stored[1] then
      local elapsed = math.max(0, now - (tonumber(stored[2]) or now))
      tokens = math.min(capacity, tonumber(stored[1]) + elapsed * bucket_rate(p))
    end
    return { tokens = tokens }
  end
  function bucket.fits(p, s, cost) return s.tokens + EPSILON >= cost end
  function bucket.apply(p, now, amount, s)
    local capacity = bucket_capacity(p)
    local tokens = (s or bucket.load(p, now)).tokens - amount
    tokens = math.max(-capacity, math.min(capacity, tokens))
    if tokens >= capacity - EPSILON then
      redis.call('DEL', p.key)
      return { tokens = capacity }
    end
    local stored = lim_fmt(tokens)
    redis.call('HSET', p.key, 't', stored, 'ts', now)
    redis.call('PEXPIRE', p.key, math.max(1, lim_ceil((capacity - tokens) / bucket_rate(p))))
    -- What load() would read back: the stored text, not the unrounded number.
    return { tokens = math.min(capacity, tonumber(stored)) }
  end
  function bucket.remaining(p, s) return math.max(0, math.floor(s.tokens + EPSILON)) end
  function bucket.reset_after(p, s, now)
    return lim_ceil((bucket_capacity(p) - s.tokens) / bucket_rate(p))
  end
  function bucket.retry_after(p, s, now, cost)
    if bucket.fits(p, s, cost) then return 0 end
    return math.max(1, lim_ceil((cost - s.tokens) / bucket_rate(p)))
  end
  return bucket
end

-- gcra: redis-cell's CL.THROTTLE with max_burst = limit + burst - 1 and rate limit/window.
-- The key holds the theoretical arrival time (TAT, ms); emission interval T = window / limit,
-- delay variation tolerance = T * (limit + burst). Unlike redis-cell, limited is decided at ms
-- precision (redis-cell truncates the difference to whole seconds).
local function build_gcra()
  local gcra = {}
  local function gcra_interval(p) return p.window / p.limit end
  local function gcra_tolerance(p) return gcra_interval(p) * (p.limit + p.burst) end
  function gcra.load(p, now)
    local tat = tonumber(redis.call('GET', p.key) or now) or now
    return { tat = math.max(tat, now), now = now }
  end
  function gcra.fits(p, s, cost)
    local allow_at = s.tat + cost * gcra_interval(p) - gcra_tolerance(p)
    return s.now - allow_at >= -EPSILON
  end
  function gcra.apply(p, now, amount, s)
    local tat = (s or gcra.load(p, now)).tat + amount * gcra_interval(p)
    tat = math.max(now, math.min(now + 2 * gcra_tolerance(p), tat))
    if tat - now <= EPSILON then
      redis.call('DEL', p.key)
      return { tat = now, now = now }
    end
    local stored = lim_fmt(tat)
    redis.call('SET', p.key, stored, 'PX', math.max(1, lim_ceil(tat - now)))
    -- What load() would read back: the stored text, not the unrounded number.
    return { tat = math.max(tonumber(stored), now), now = now }
  end
  function gcra.remaining(p, s)
    local next = gcra_tolerance(p) - (s.tat - s.now)
    if next <= 0 then return 0 end
    return math.floor(next / gcra_interval(p) + EPSILON)
  end
  function gcra.reset_after(p, s, now) return lim_ceil(s.tat - now) end
  function gcra.retry_after(p, s, now, cost)
    local allow_at = s.tat + cost * gcra_interval(p) - gcra_tolerance(p)
    if now - allow_at >= -EPSILON then return 0 end
    return math.max(1, lim_ceil(allow_at - now))
  end
  return gcra
end

-- Redis runs this whole library on every call of a script that includes it: building all five
-- algorithms each time (about 40 closures in 5 tables) was over a third of a check's Redis time
-- (bench/FINDINGS.md). So an algorithm is built the first time a policy of the call uses it.
local ALGORITHM_BUILDERS = {
  ['fixed-window'] = build_fixed_window,
  ['sliding-log'] = build_sliding_log,
  ['sliding-window'] = build_sliding_window,
  ['token-bucket'] = build_token_bucket,
  ['gcra'] = build_gcra,
}
local algorithms = {}

local function lim_algorithm(algo)
  local impl = algorithms[algo]
  if impl then return impl end
  local build = ALGORITHM_BUILDERS[algo]
  if not build then error('TRELLIS_BAD_ALGORITHM ' .. tostring(algo)) end
  impl = build()
  algorithms[algo] = impl
  return impl
end

local function lim_capacity(p)
  if p.algo == 'token-bucket' or p.algo == 'gcra' then return p.limit + p.burst end
  return p.limit
end

-- Reads policy i: keys KEYS[base+1..base+3], six ARGV from argv_base+1.
local function lim_policy(keys, key_base, argv, argv_base)
  local algo = argv[argv_base + 1]
  local impl = lim_algorithm(algo)
  return {
    algo = algo, impl = impl,
    limit = tonumber(argv[argv_base + 2]),
    window = tonumber(argv[argv_base + 3]),
    burst = tonumber(argv[argv_base + 4]) or 0,
    charge_rejected = argv[argv_base + 5] == '1',
    shadow = argv[argv_base + 6] == '1',
    key = keys[key_base + 1], seq = keys[key_base + 2], block = keys[key_base + 3],
  }
end

-- {limited, charged, capacity, remaining, resetAfterMs, retryAfterMs, blockedMs} after any charge.
-- `s`: the policy's snapshot as it stands now, when the caller has it (else it is read).
local function lim_report(p, now, cost, limited, charged, blocked_ms, s)
  s = s or p.impl.load(p, now)
  local retry = 0
  if limited then retry = math.max(blocked_ms, p.impl.retry_after(p, s, now, cost)) end
  local remaining = p.impl.remaining(p, s)
  if blocked_ms > 0 then remaining = 0 end
  local reset = math.max(blocked_ms, p.impl.reset_after(p, s, now))
  return { limited and 1 or 0, charged, lim_capacity(p), remaining, math.floor(reset), math.floor(retry), blocked_ms }
end

local function lim_blocked_ms(p)
  local ttl = redis.call('PTTL', p.block)
  if ttl > 0 then return ttl end
  return 0
end

-- Decides one call against n policies of one subject. mode 'check' charges, 'peek' never writes.
-- A call denied by any enforced (non-shadow) policy is charged to none, except to policies that
-- themselves denied it and charge rejected calls. Shadow policies are decided exactly as if
-- enforced; only the caller's answer ignores them.
local function lim_check(keys, argv)
  local mode, cost, n = argv[1], tonumber(argv[2]), tonumber(argv[3])
  local now = now_ms()
  local policies, limited, blocked, states = {}, {}, {}, {}
  local denied = false
  local seen, shared = {}, false
  for i = 1, n do
    local p = lim_policy(keys, (i - 1) * 3, argv, 3 + (i - 1) * 6)
    policies[i] = p
    blocked[i] = lim_blocked_ms(p)
    states[i] = p.impl.load(p, now)
    limited[i] = blocked[i] > 0 or not p.impl.fits(p, states[i], cost)
    if limited[i] and not p.shadow then denied = true end
    shared = shared or seen[p.key] ~= nil
    seen[p.key] = true
  end
  -- A snapshot stays true until its own policy's charge, unless two policies share a state key
  -- (the API refuses repeated policies; this keeps the script right without relying on that).
  if shared then states = {} end
  local out = { now, denied and 1 or 0 }
  for i = 1, n do
    local p = policies[i]
    local amount = 0
    if mode == 'check' and cost > 0 and blocked[i] == 0 then
      if limited[i] then
        if p.charge_rejected then amount = cost end
      elseif not denied then
        amount = cost
      end
    end
    if amount > 0 then states[i] = p.impl.apply(p, now, amount, states[i]) end
    out[#out + 1] = lim_report(p, now, cost, limited[i], amount, blocked[i], states[i])
  end
  return out
end
