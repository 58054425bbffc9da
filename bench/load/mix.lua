-- wrk script: the everyday mix, one path after another, as a signed-in user.
-- LOAD_PATHS (space-separated) and LOAD_COOKIE come from the environment (bench/load.py).
local paths = {}
for p in string.gmatch(os.getenv("LOAD_PATHS"), "%S+") do table.insert(paths, p) end
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  not_ok = 0
  wrk.headers["Cookie"] = os.getenv("LOAD_COOKIE")
  -- The app's TLS terminator would say this; without it every request is sent to https.
  wrk.headers["X-Forwarded-Proto"] = "https"
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function response(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("not_ok") end
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f not_200=%d errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    bad, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout))
end
