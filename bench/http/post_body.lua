-- wrk script: POST the JSON body in $BODY_FILE to the target path; with NO_CACHE=1 every request carries
-- `Cache-Control: no-cache` (the server evaluates each one instead of answering from its result cache).
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
local body = f:read("*a")
f:close()
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
if os.getenv("NO_CACHE") == "1" then
  wrk.headers["Cache-Control"] = "no-cache"
end

