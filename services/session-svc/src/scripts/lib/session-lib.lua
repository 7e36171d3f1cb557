-- Helpers shared by the per-session scripts. One session ("family") is four keys under the
-- family's hash tag:
--   meta    hash: user, ref, state (live|deleted|expired), version, seq, createdAt, lastAccessedAt,
--                 idleTtlMs, idleExpiresAt, absoluteExpiresAt, ip, ua, dataBytes, current
--   data    hash: top-level data field -> its JSON value (per-field, so writers of different
--                 fields never overwrite each other)
--   ids     hash: secret -> 0 for the current id, or the ms until which a rotated-away id works
--   outbox  list: "seq|type|timeMs|payloadJson" events not yet acknowledged as published to the
--                 service-wide change log (which lives in another slot)
-- A removed session stays as a tombstone (meta + outbox) until its events are published.

local SESSION_NUMERIC = { version = true, seq = true, createdAt = true, lastAccessedAt = true, idleTtlMs = true,
  idleExpiresAt = true, absoluteExpiresAt = true, dataBytes = true }

local function session_meta(metaKey)
  local flat = redis.call('HGETALL', metaKey)
  if #flat == 0 then
    return nil
  end
  -- `flat` is kept so that a read that changed nothing can answer it without reading it again.
  local meta = { flat = flat }
  for i = 1, #flat, 2 do
    local name = flat[i]
    meta[name] = SESSION_NUMERIC[name] and tonumber(flat[i + 1]) or flat[i + 1]
  end
  return meta
end

local function session_deadline(meta)
  return math.min(meta.idleExpiresAt, meta.absoluteExpiresAt)
end

-- Resolves a presented secret to its live session: returns meta and the id's grant (0 = current
-- id, else the ms its grace ends), or nil. Stale grace entries are dropped on the way.
local function session_resolve(metaKey, idsKey, secret, now)
  local grant = redis.call('HGET', idsKey, secret)
  if not grant then
    return nil
  end
  grant = tonumber(grant)
  if grant > 0 and grant <= now then
    redis.call('HDEL', idsKey, secret)
    return nil
  end
  local meta = session_meta(metaKey)
  if not meta or meta.state ~= 'live' or session_deadline(meta) <= now then
    return nil
  end
  return meta, grant
end

-- Activity slides the idle deadline, never past the absolute one and never backwards.
local function session_slide(metaKey, meta, now)
  local idle = math.max(meta.idleExpiresAt, math.min(now + meta.idleTtlMs, meta.absoluteExpiresAt))
  redis.call('HSET', metaKey, 'idleExpiresAt', idle, 'lastAccessedAt', now)
  meta.idleExpiresAt, meta.lastAccessedAt, meta.flat = idle, now, nil
end

-- Gives a key the same backstop expiry as the session's meta (for keys created after the session).
local function session_keep(metaKey, key)
  local at = redis.call('PEXPIRETIME', metaKey)
  if at > 0 then
    redis.call('PEXPIREAT', key, at)
  end
end

-- Appends an event to the session's outbox with the next per-session sequence number.
local function session_emit(metaKey, outboxKey, meta, eventType, now, extra)
  local seq = redis.call('HINCRBY', metaKey, 'seq', 1)
  local payload = { sessionRef = meta.ref, userId = meta.user ~= '' and meta.user or cjson.null }
  for name, value in pairs(extra or {}) do
    payload[name] = value
  end
  if redis.call('RPUSH', outboxKey, seq .. '|' .. eventType .. '|' .. now .. '|' .. cjson.encode(payload)) == 1 then
    session_keep(metaKey, outboxKey)
  end
  return seq
end

-- Turns a live session into a tombstone: data and ids go at once, meta and outbox stay until the
-- removal event is published (ack.lua deletes them then).
local function session_tombstone(metaKey, dataKey, idsKey, outboxKey, meta, eventType, reason, now)
  redis.call('DEL', dataKey, idsKey)
  redis.call('HSET', metaKey, 'state', eventType, 'dataBytes', 0)
  return session_emit(metaKey, outboxKey, meta, eventType, now, { reason = reason })
end

-- Why a session whose deadline passed expired.
local function session_expiry_reason(meta)
  return meta.absoluteExpiresAt <= meta.idleExpiresAt and 'absolute' or 'idle'
end

-- `unchanged`: the meta this script read, when it wrote nothing to it since.
-- Meta and data go back as one JSON text, not as ~35 bulk strings: ioredis decodes each bulk
-- string at a cost that made decoding the largest part of a session read (bench/FINDINGS.md).
local function session_reply(metaKey, dataKey, grant, now, unchanged)
  local flat = unchanged and unchanged.flat or redis.call('HGETALL', metaKey)
  return { 1, cjson.encode({ flat, redis.call('HGETALL', dataKey) }), grant, now }
end
