-- POST /api/posts, rotating the authors' tokens.
local tokens = {}
local counter = 0
local n = 0

function init(args)
  for line in io.lines(args[1]) do
    tokens[#tokens + 1] = line
  end
  counter = math.random(#tokens)
end

function request()
  counter = counter % #tokens + 1
  n = n + 1
  local body = string.format('{"text":"bench publish %d #bench","visibility":"%s"}', n, n % 5 == 0 and "FOLLOWERS" or "PUBLIC")
  return wrk.format("POST", "/api/posts",
    { ["Authorization"] = "Bearer " .. tokens[counter], ["Content-Type"] = "application/json" }, body)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT rps %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("RESULT p50 %.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("RESULT p99 %.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("RESULT errors %d\n", summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
