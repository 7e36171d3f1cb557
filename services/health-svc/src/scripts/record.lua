-- Applies one check result to an instance's health, and tells watchers when its status changed.
-- KEYS[1] health records of the service (hash instanceId -> record JSON)
-- KEYS[2] check settings of the service
-- KEYS[3] check claim of the instance
-- KEYS[4] health revision of the service
-- KEYS[5] health event stream of the service
-- KEYS[6] tombstones of the service (hash instanceId -> epoch removed)
-- ARGV[1] service  ARGV[2] instanceId  ARGV[3] registration epoch (ignored for push)
-- ARGV[4] mode: check (a claimed probe's result) | expire (a claimed ttl check: fails only when no
--         push came within the interval) | push (an instance's own ttl update)
-- ARGV[5] result: passing | warning | critical  ARGV[6] output  ARGV[7] checker id
-- ARGV[8] claimed slot start (check, expire)  ARGV[9] default settings JSON  ARGV[10] stream max length
-- Returns {outcome, record JSON, critical for ms (-1 when not critical), revision or 0}; outcome
-- 1 applied, 0 nothing to apply, -1 the claim moved on (another slot or replica), -2 the
-- instance was removed or re-registered since. Errors: TRELLIS_NOT_FOUND, TRELLIS_CHECK_TYPE.
--!include now.lua
--!include changelog.lua
--!include health-lib.lua

local service, id, mode, result, output, by = ARGV[1], ARGV[2], ARGV[4], ARGV[5], ARGV[6], ARGV[7]
local maxLen = ARGV[10]
local now = now_ms()
local settings = health_settings(KEYS[2], ARGV[9])
local rec = health_load(KEYS[1], id)
local created = false

if mode == 'push' then
  if not rec then
    return redis.error_reply('TRELLIS_NOT_FOUND no health record for ' .. service .. '/' .. id)
  end
  if settings.type ~= 'ttl' then
    return redis.error_reply('TRELLIS_CHECK_TYPE ' .. service .. ' is checked by ' .. settings.type .. ', not ttl')
  end
  rec.p = now
else
  local claimedSlot, claimedBy = string.match(redis.call('GET', KEYS[3]) or '', '^(%d+)|%d+|(.*)$')
  if claimedSlot ~= ARGV[8] or claimedBy ~= by then
    return {-1, false, -1, 0}
  end
  local epoch = tonumber(ARGV[3])
  local gone = tonumber(redis.call('HGET', KEYS[6], id) or '-1')
  if gone >= epoch or (rec and rec.e > epoch) then
    return {-2, false, -1, 0}
  end
  if not rec or rec.e < epoch then
    rec = health_new_record(epoch, now, settings.type)
    created = true
  end
  if mode == 'expire' then
    if settings.type ~= 'ttl' then return {0, false, -1, 0} end
    local last = math.max(rec.p, rec.ca, tonumber(settings.updatedAtMs) or 0)
    if now - last <= tonumber(settings.intervalMs) then
      if created then health_save(KEYS[1], KEYS[4], KEYS[5], maxLen, service, id, rec, true, nil, now) end
      return {0, false, -1, 0}
    end
    result = 'critical'
    output = 'TTL expired: no update for ' .. (now - last) .. ' ms (ttl ' .. settings.intervalMs .. ' ms)'
  end
end

local notify, before = health_apply(rec, result, output, now, settings, by)
if created then
  notify = true
  before = nil
end
local json, revision = health_save(KEYS[1], KEYS[4], KEYS[5], maxLen, service, id, rec, notify, before, now)
return {1, json, health_critical_for(rec, now), revision or 0}
