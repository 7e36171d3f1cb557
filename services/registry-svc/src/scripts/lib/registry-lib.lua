-- Helpers shared by the registry scripts. An instance is three entries under one hash tag:
-- its lease (score = deadline ms) in the service's lease set and in the registry-wide deadline
-- set, its registration JSON (written by the service, stored verbatim) and its state string.

-- "epoch|registeredAt|status|lastHeartbeatAt|ttlMs": compact, and parsed without cjson.
local function registry_state(epoch, registeredAt, status, lastHeartbeatAt, ttl)
  return epoch .. '|' .. registeredAt .. '|' .. status .. '|' .. lastHeartbeatAt .. '|' .. ttl
end

local function registry_parse_state(text)
  local e, r, s, h, t = string.match(text or '', '^(%d+)|(%d+)|([%u_]+)|(%d+)|(%d+)$')
  return { epoch = tonumber(e) or 0, registeredAt = tonumber(r) or 0, status = s or 'UP',
           lastHeartbeatAt = tonumber(h) or 0, ttl = tonumber(t) or 30000 }
end

local function registry_event(service, id, registration, stateText, deadline)
  return '{"service":' .. cjson.encode(service) .. ',"instanceId":' .. cjson.encode(id)
    .. ',"registration":' .. (registration or 'null') .. ',"state":' .. cjson.encode(stateText or '')
    .. ',"leaseExpiresAt":' .. deadline .. '}'
end

-- Every change to a service's instances bumps the generation kept in its states hash under
-- '#gen' (no instance id can start with '#'), so a replica's cached discover answer can be
-- checked in the same round trip. A heartbeat that only renews a lease is not such a change:
-- with a thousand instances heartbeating, the answer would be rebuilt for nearly every discover
-- (bench/FINDINGS.md). A cached answer still never shows a lapsed lease, because leases only
-- grow between changes and the answer is checked against the earliest deadline it holds; its
-- lease times are lower bounds. The generation starts from the clock, not 1, so a service
-- whose keys were lost never repeats a generation seen before.
local function registry_touch(statesKey)
  if redis.call('HSETNX', statesKey, '#gen', string.format('%.0f', now_ms() * 1000)) == 0 then
    redis.call('HINCRBY', statesKey, '#gen', 1)
  end
end

local function registry_remove(deadlinesKey, leasesKey, registrationsKey, statesKey, service, id)
  redis.call('ZREM', deadlinesKey, service .. '/' .. id)
  redis.call('ZREM', leasesKey, id)
  redis.call('HDEL', registrationsKey, id)
  redis.call('HDEL', statesKey, id)
  registry_touch(statesKey)
end

local function registry_expire(revKey, streamKey, deadlinesKey, leasesKey, registrationsKey, statesKey,
                               service, id, maxLen, now)
  local registration = redis.call('HGET', registrationsKey, id)
  local stateText = redis.call('HGET', statesKey, id)
  local deadline = redis.call('ZSCORE', leasesKey, id) or now
  registry_remove(deadlinesKey, leasesKey, registrationsKey, statesKey, service, id)
  return changelog_emit(revKey, streamKey, maxLen, 'expired',
    registry_event(service, id, registration or 'null', stateText, deadline), now)
end
