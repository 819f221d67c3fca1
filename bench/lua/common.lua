-- Shared by the bench scripts: prints one machine-readable result line from wrk's done() hook.
-- Latencies are in microseconds; "status" is wrk's own count of responses with a status >= 400.
local common = {}

function common.report(summary, latency, extra)
  local e = summary.errors
  local duration_s = summary.duration / 1e6
  local line = string.format(
    "BENCH_RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d"
      .. " bytes=%d status=%d connect=%d read=%d write=%d timeout=%d",
    summary.requests, summary.duration, summary.requests / duration_s,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.bytes, e.status, e.connect, e.read, e.write, e.timeout)
  for _, kv in ipairs(extra or {}) do
    line = line .. string.format(" %s=%s", kv[1], tostring(kv[2]))
  end
  io.write(line .. "\n")
end

return common
