-- Helpers shared by the route scripts. A route is one hash field
-- "<destination>/<source>" -> "revision|createdAt|updatedAt|<policy JSON>" (parsed without cjson;
-- the policy is stored verbatim as mesh-svc wrote it).

local function mesh_parse_route(text)
  if not text then return nil end
  local revision, createdAt, updatedAt, policy = string.match(text, '^(%d+)|(%d+)|(%d+)|(.*)$')
  if not revision then return nil end
  return { revision = tonumber(revision), createdAt = tonumber(createdAt), updatedAt = tonumber(updatedAt), policy = policy }
end

local function mesh_route_event(source, destination, policy)
  return '{"source":' .. cjson.encode(source) .. ',"destination":' .. cjson.encode(destination)
    .. ',"policy":' .. (policy or 'null') .. '}'
end
