-- GET /health: a static request, exempt from the fault plan's latency (delayed-load.sh).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

wrk.method = "GET"
wrk.path = "/health"

function done(summary, latency, requests)
  common.report(summary, latency)
end
