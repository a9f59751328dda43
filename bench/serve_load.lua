-- wrk script for bench/serve_load.py --client wrk: each connection posts the next story to /v1/check.
-- Usage (serve_load.py runs it): wrk -s serve_load.lua URL -- BODIES_FILE
-- BODIES_FILE holds one JSON request body a line. wrk (C, one thread) drives the load with far less
-- CPU than a Python client, so on a small machine the server gets nearly all the cores.

local threads = {}

function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end

function init(args)
  bodies = {}
  for line in io.lines(args[1]) do
    bodies[#bodies + 1] = line
  end
  counter = offset or 0
  headers = {["Content-Type"] = "application/json"}
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/v1/check", headers, bodies[(counter % #bodies) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK-RESULT {"requests": %d, "micros": %d, "status_errors": %d, "socket_errors": %d, ' ..
    '"p50_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
