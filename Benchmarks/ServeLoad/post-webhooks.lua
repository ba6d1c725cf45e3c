-- wrk script: POSTs distinct, realistic Aircall webhooks to /webhooks/aircall. Each request is
-- the first example webhook (Examples/events.jsonl, line 1: a call.ended with ~60 fields) with
-- its own call id, so every one is a new interaction to store, never a duplicate.
-- wrk -s post-webhooks.lua URL -- EXAMPLE_FILE FIRST_ID
local template
local next_id
local threads = {}
local counter = 0

function setup(thread)
    thread:set("thread_index", counter)
    counter = counter + 1
    table.insert(threads, thread)
end

function init(args)
    local file = assert(io.open(args[1], "r"))
    template = file:read("*l")
    file:close()
    -- 100 million ids per thread, from the run's first id: distinct across threads and runs.
    next_id = tonumber(args[2]) + thread_index * 100000000
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
end

function request()
    next_id = next_id + 1
    local body = string.gsub(template, '"id": 812,', '"id": ' .. next_id .. ',', 1)
    return wrk.format(nil, "/webhooks/aircall", nil, body)
end

local failures = 0
function response(status, headers, body)
    if status ~= 200 then failures = failures + 1 end
end

function done(summary, latency, requests)
    local seconds = summary.duration / 1e6
    io.write(string.format("RESULT requests=%d seconds=%.2f rate=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
        summary.requests, seconds, summary.requests / seconds,
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
        summary.errors.status))
end
