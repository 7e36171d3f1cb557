-- The reaper's look at one session it found due in the deadline index: expires it when its
-- deadline passed, and hands back every event still waiting in its outbox.
-- KEYS[1] meta  KEYS[2] data  KEYS[3] ids  KEYS[4] outbox
-- Returns {'live', deadline, userId, outbox}, {'removed', 0, userId, outbox} or {'absent'}.
--!include now.lua
--!include session-lib.lua

local now = now_ms()
local meta = session_meta(KEYS[1])
if not meta then
  return {'absent'}
end
if meta.state == 'live' then
  local deadline = session_deadline(meta)
  if deadline > now then
    return {'live', deadline, meta.user, redis.call('LRANGE', KEYS[4], 0, -1)}
  end
  session_tombstone(KEYS[1], KEYS[2], KEYS[3], KEYS[4], meta, 'expired', session_expiry_reason(meta), now)
end
return {'removed', 0, meta.user, redis.call('LRANGE', KEYS[4], 0, -1)}
