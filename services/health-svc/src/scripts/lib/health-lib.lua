-- Helpers shared by the health scripts. An instance's health is one JSON record, a field of its
-- service's records hash, with short keys:
--   e epoch of the registration  s reported status  c check status (thresholds applied, no damping)
--   o output  t last check ms (0 never)  by checker  ok consecutive successes  ko consecutive failures
--   ss status since  cs critical since (0 not critical)  f flapping (0|1)  fw status held while flapping
--   h recent results, '1' where the check status changed  m maintenance reason  ms maintenance since (0 off)
--   p last ttl push (0 never)  k check type  ca created  u last written
-- Every key a script touches carries the service's hash tag, so one service is one cluster slot.

local HEALTH_MAX_OUTPUT = 4096
local HEALTH_RANK = { passing = 0, warning = 1, maintenance = 2, critical = 3 }

local function health_worst(a, b)
  if HEALTH_RANK[a] >= HEALTH_RANK[b] then return a end
  return b
end

-- The service's settings, or the deployment defaults the caller passes when none were set.
local function health_settings(key, defaultsJson)
  local raw = redis.call('GET', key)
  if not raw then raw = defaultsJson end
  return cjson.decode(raw), raw
end

local function health_new_record(epoch, now, checkType)
  return { e = epoch, s = 'critical', c = 'critical', o = 'awaiting the first check', t = 0, by = '',
           ok = 0, ko = 0, ss = now, cs = now, f = 0, fw = '', h = '', m = '', ms = 0, p = 0,
           k = checkType, ca = now, u = now }
end

local function health_load(recordsKey, id)
  local raw = redis.call('HGET', recordsKey, id)
  if not raw then return nil end
  return cjson.decode(raw)
end

local function health_reported(rec)
  if rec.ms > 0 then return 'maintenance' end
  if rec.f == 1 then return rec.fw end
  return rec.c
end

local function health_event(service, id, previous, recordJson)
  return '{"service":' .. cjson.encode(service) .. ',"instanceId":' .. cjson.encode(id)
    .. ',"previousStatus":' .. (previous and cjson.encode(previous) or 'null')
    .. ',"record":' .. (recordJson or 'null') .. '}'
end

-- Writes the record; when `notify`, appends a 'status' event (watchers wake only for these).
local function health_save(recordsKey, revKey, streamKey, maxLen, service, id, rec, notify, previous, now)
  local json = cjson.encode(rec)
  redis.call('HSET', recordsKey, id, json)
  local revision = false
  if notify then
    revision = changelog_emit(revKey, streamKey, maxLen, 'status', health_event(service, id, previous, json), now)
  end
  return json, revision
end

-- Consul's thresholds: passing and warning results count as successes, critical ones as failures;
-- the check status moves only once a streak is long enough, and a failure never improves it.
-- Flap detection: too many check-status transitions among the last flapWindowChecks results
-- mark the instance flapping; until they fall below half the threshold its reported status is
-- held at the worst seen, so watchers are not woken on every swing.
-- Returns whether watchers must hear about it, and the reported status before.
local function health_apply(rec, result, output, now, settings, by)
  local before = health_reported(rec)
  local wasFlapping = rec.f
  if result == 'critical' then
    rec.ko = rec.ko + 1
    rec.ok = 0
  else
    rec.ok = rec.ok + 1
    rec.ko = 0
  end
  local previous = rec.c
  local status = previous
  if result ~= 'critical' then
    if rec.ok >= settings.successBeforePassing then status = result end
  elseif rec.ko >= settings.failuresBeforeCritical then
    status = 'critical'
  elseif rec.ko >= settings.failuresBeforeWarning then
    status = health_worst(status, 'warning')
  end
  if status == 'critical' then
    if previous ~= 'critical' or rec.cs == 0 then rec.cs = now end
  else
    rec.cs = 0
  end

  local window = tonumber(settings.flapWindowChecks) or 20
  local threshold = tonumber(settings.flapThreshold) or 0
  rec.h = string.sub(rec.h .. ((status ~= previous) and '1' or '0'), -window)
  local _, transitions = string.gsub(rec.h, '1', '')
  if rec.f == 0 and threshold > 0 and transitions >= threshold then
    rec.f = 1
    rec.fw = health_worst(previous, status)
  elseif rec.f == 1 and (threshold == 0 or transitions * 2 < threshold) then
    rec.f = 0
    rec.fw = ''
  elseif rec.f == 1 then
    rec.fw = health_worst(rec.fw, status)
  end

  rec.c = status
  rec.o = string.sub(output, 1, HEALTH_MAX_OUTPUT)
  rec.t = now
  rec.by = by
  rec.k = settings.type
  rec.u = now
  local after = health_reported(rec)
  if after ~= before then rec.ss = now end
  rec.s = after
  return after ~= before or wasFlapping ~= rec.f, before
end

local function health_critical_for(rec, now)
  if rec.cs > 0 and rec.ms == 0 and rec.c == 'critical' then return now - rec.cs end
  return -1
end
