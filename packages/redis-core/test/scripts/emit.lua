-- Test script: appends one event to a change log, as service scripts do.
-- KEYS[1] revision counter  KEYS[2] event stream
-- ARGV[1] event type  ARGV[2] payload JSON  ARGV[3] stream max length
--!include now.lua
--!include changelog.lua
return changelog_emit(KEYS[1], KEYS[2], ARGV[3], ARGV[1], ARGV[2], now_ms())
