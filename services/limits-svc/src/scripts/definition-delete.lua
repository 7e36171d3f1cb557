-- Deletes one definition and appends the change to the change log, in one step.
-- KEYS[1] revision counter   KEYS[2] event stream   KEYS[3] records of this kind   KEYS[4] names of this kind
-- ARGV[1] kind   ARGV[2] name   ARGV[3] If-Match ('' | '*' | revision)   ARGV[4] stream max length
-- Returns the change's revision
--!include now.lua
--!include changelog.lua
--!include definitions-lib.lua

local existing = redis.call('HGET', KEYS[3], ARGV[2])
if not existing then return redis.error_reply('TRELLIS_NOT_FOUND ' .. ARGV[2]) end
local failed = def_precondition(existing, ARGV[3])
if failed then return failed end
redis.call('HDEL', KEYS[3], ARGV[2])
redis.call('ZREM', KEYS[4], ARGV[2])
local now = now_ms()
local revision = tonumber(redis.call('GET', KEYS[1]) or '0') + 1
return changelog_emit(KEYS[1], KEYS[2], ARGV[4], ARGV[1] .. '.deleted', def_event(ARGV[1], ARGV[2], revision, nil), now)
