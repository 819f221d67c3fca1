-- GET /users: a static request, so wrk builds it once and skips response parsing.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

wrk.method = "GET"
wrk.path = "/users"

function done(summary, latency, requests)
  common.report(summary, latency)
end
