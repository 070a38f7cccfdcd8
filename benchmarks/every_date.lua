-- wrk script: each request asks for another day (AS_OF in the URL is replaced), so that
-- no answer kept by the server can serve it: the cost of computing a chart afresh.
-- Each thread walks its own stretch of days from 1992-01-01.
local threads = 0
function setup(thread)
  thread:set("offset", threads * 5000)
  threads = threads + 1
end

local counter = 0
function request()
  counter = counter + 1
  local n = (offset or 0) + counter
  local t = os.time({year = 1992, month = 1, day = 1, hour = 12}) + (n % 12000) * 86400
  local path = string.gsub(wrk.path, "AS_OF", os.date("!%Y-%m-%d", t))
  return wrk.format("GET", path)
end
