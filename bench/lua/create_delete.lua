-- POST /users then DELETE /users/{id}: every created user is deleted again by the next request
-- of the same wrk thread, with the id read from the 201 body.
-- Arguments after "--": <admin bearer token> <email tag, unique per run>.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local auth, json_auth, tag
local serial = 0
local to_delete = {} -- ids created and not yet deleted, as a stack

-- Counters read back by done(); globals so that thread:get() sees them.
created, deleted, unexpected, unparsed, outstanding = 0, 0, 0, 0, 0
last_unexpected = 0

function init(args)
  if not args[1] or not args[2] then
    error("usage: wrk ... -s create_delete.lua <url> -- <admin token> <email tag>")
  end
  auth = { ["Authorization"] = "Bearer " .. args[1] }
  json_auth = { ["Authorization"] = auth["Authorization"], ["Content-Type"] = "application/json" }
  tag = args[2]
end

function request()
  local id = table.remove(to_delete)
  if id then
    return wrk.format("DELETE", "/users/" .. id, auth)
  end
  serial = serial + 1
  local body = string.format('{"name":"Bench User","email":"bench-%s-%d-%d@example.com","age":30}',
                             tag, tid, serial)
  return wrk.format("POST", "/users", json_auth, body)
end

function response(status, headers, body)
  if status == 201 then
    local id = body and body:match('"id"%s*:%s*(%d+)')
    if id then
      created = created + 1
      table.insert(to_delete, id)
    else
      unparsed = unparsed + 1
    end
  elseif status == 200 then
    deleted = deleted + 1
  else
    unexpected = unexpected + 1
    last_unexpected = status
  end
  outstanding = #to_delete
end

function done(summary, latency, requests)
  local sums = { created = 0, deleted = 0, unexpected = 0, unparsed = 0, outstanding = 0 }
  local last = 0
  for _, t in ipairs(threads) do
    for k in pairs(sums) do
      sums[k] = sums[k] + (t:get(k) or 0)
    end
    if (t:get("last_unexpected") or 0) ~= 0 then
      last = t:get("last_unexpected")
    end
  end
  common.report(summary, latency, {
    { "non2xx", sums.unexpected }, { "last_non2xx", last }, { "created", sums.created },
    { "deleted", sums.deleted }, { "unparsed", sums.unparsed }, { "outstanding", sums.outstanding },
  })
end
