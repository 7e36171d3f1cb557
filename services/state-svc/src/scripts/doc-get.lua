-- Reads one live document.
-- KEYS[1] document
-- Returns {} when absent or past its expiry (the reaper or the next write removes it), else
-- {data, version, createdAt, updatedAt, updatedBy, expiresAt}.
--!include now.lua
--!include state-lib.lua

local doc = state_read(KEYS[1])
if not state_is_live(doc, now_ms()) then
  return {}
end
return {doc.data, doc.version, doc.createdAt, doc.updatedAt, doc.updatedBy, doc.expiresAt}
