-- Creates or replaces one definition and appends the change to the change log, in one step.
-- KEYS[1] revision counter   KEYS[2] event stream   KEYS[3] records of this kind (name -> JSON)
-- KEYS[4] names of this kind (sorted set, score 0, for listing by name)
-- ARGV[1] kind   ARGV[2] name   ARGV[3] spec JSON   ARGV[4] If-Match ('' | '*' | revision)
-- ARGV[5] stream max length
-- Returns {created (0|1), record JSON}
--!include now.lua
--!include changelog.lua
--!include definitions-lib.lua

local existing = redis.call('HGET', KEYS[3], ARGV[2])
local failed = def_precondition(existing, ARGV[4])
if failed then return failed end
local now = now_ms()
local revision = tonumber(redis.call('GET', KEYS[1]) or '0') + 1
local record = '{"revision":' .. revision .. ',"updatedAt":' .. now .. ',"spec":' .. ARGV[3] .. '}'
redis.call('HSET', KEYS[3], ARGV[2], record)
redis.call('ZADD', KEYS[4], 0, ARGV[2])
changelog_emit(KEYS[1], KEYS[2], ARGV[5], ARGV[1] .. '.put', def_event(ARGV[1], ARGV[2], revision, record), now)
return { existing and 0 or 1, record }
