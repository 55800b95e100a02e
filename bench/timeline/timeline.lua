-- GET /api/timeline, each request with the next reader's token (each thread starts at its own offset).
-- Arguments: the tokens file; optionally a think time in ms that each connection waits between two reads.
local tokens = {}
local counter = 0
local think = 0

function init(args)
  for line in io.lines(args[1]) do
    tokens[#tokens + 1] = line
  end
  counter = math.random(#tokens)
  think = tonumber(args[2] or "0")
end

function delay()
  return think
end

function request()
  counter = counter % #tokens + 1
  return wrk.format("GET", "/api/timeline", { ["Authorization"] = "Bearer " .. tokens[counter] })
end

function done(summary, latency, requests)
  io.write(string.format("RESULT rps %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("RESULT p50 %.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("RESULT p99 %.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("RESULT errors %d\n", summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
