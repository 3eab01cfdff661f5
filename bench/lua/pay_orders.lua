-- wrk script: POST /orders/{id}/pay once for each id of a file (one a line), then stops, so
-- every request pays an unpaid order. Arguments after `--`: the bearer token and the file.
local token
local ids = {}
local next_index = 1

function init(args)
    token = args[1]
    for line in io.lines(args[2]) do
        if line ~= "" then
            ids[#ids + 1] = line
        end
    end
end

function request()
    local id = ids[next_index]
    if id == nil then
        -- Every order was paid: stop. wrk still sends what this returns, so it is a cheap read.
        wrk.thread:stop()
        return wrk.format("GET", "/healthz")
    end
    next_index = next_index + 1
    return wrk.format("POST", "/orders/" .. id .. "/pay", {
        ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json",
        ["Idempotency-Key"] = "pay-" .. id,
    }, "{}")
end
