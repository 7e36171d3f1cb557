-- changelog_emit(revKey, streamKey, maxLen, eventType, payload, nowMs) -> revision
-- Bumps the scope's revision and appends the event under stream id "<revision>-0", inside the
-- caller's script, so a mutation and its event are one atomic step. The stream is trimmed
-- approximately to maxLen; readers behind the trim point are told "compacted".
local function changelog_emit(revKey, streamKey, maxLen, eventType, payload, nowMs)
  local rev = redis.call('INCR', revKey)
  redis.call('XADD', streamKey, 'MAXLEN', '~', maxLen, rev .. '-0',
    't', eventType, 'd', payload, 'ts', nowMs)
  return rev
end
