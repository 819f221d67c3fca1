-- POST /login with the admin's email: a static request, built once by wrk.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

wrk.method = "POST"
wrk.path = "/login"
wrk.body = '{"email":"admin@example.com"}'
wrk.headers["Content-Type"] = "application/json"

function done(summary, latency, requests)
  common.report(summary, latency)
end
