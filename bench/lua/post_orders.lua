-- wrk script: POST /orders with a 3-line order, a new externalId and Idempotency-Key each
-- time. Arguments after `--`: the bearer token, and a file that receives the id of every
-- order created (201), one a line, for the /pay run.
local token, ids_path
local ids_file
local counter = 0
local run = tostring(os.time())

function init(args)
    token = args[1]
    ids_path = args[2]
    if ids_path then
        ids_file = io.open(ids_path, "a")
    end
end

function request()
    counter = counter + 1
    local external = "BENCH-" .. run .. "-" .. counter
    local body = '{"externalId":"' .. external .. '","onPartial":"accept","lines":['
        .. '{"itemId":"abb-1001","configurationId":"0","quantity":1},'
        .. '{"itemId":"abb-1002","configurationId":"0","quantity":2},'
        .. '{"itemId":"abb-1003","configurationId":"0","quantity":3}]}'
    return wrk.format("POST", "/orders", {
        ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json",
        ["Idempotency-Key"] = external,
    }, body)
end

function response(status, headers, body)
    if status == 201 and ids_file then
        local id = string.match(body, '"id":"(ORD%-%d+)"')
        if id then
            ids_file:write(id, "\n")
            ids_file:flush()
        end
    end
end
