-- A steady storm for scripts/faults.sh: every thread cycles through its share of a plan of "<path> <token>" lines
-- (POST, bearer token) for the whole wrk duration, and buckets what comes back by wall-clock time, so the script can
-- see what happened before, during and after a fault:
--   STATUS <unix second> <status> <count>     every answer, by second
--   CLAIMED <unix ms, 100 ms steps> <count>   200 answers that claimed a share just now
--   NO_RETRY_AFTER <count>                    503 answers without a Retry-After header (there should be none)
--   wrk -t2 -c32 -d60s --timeout 5s -s storm.lua http://127.0.0.1:PORT -- plan.txt 2
-- (wrk scripts are LuaJIT, Lua 5.1; the ffi module gives the wall clock.)

local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } timespec_t;
  int clock_gettime(int clk, timespec_t *ts);
]]
local function now_ms()
  local ts = ffi.new("timespec_t")
  ffi.C.clock_gettime(0, ts) -- CLOCK_REALTIME: the script compares it with `date`
  return tonumber(ts.tv_sec) * 1000 + math.floor(tonumber(ts.tv_nsec) / 1e6)
end

local threads = {}
local next_tid = 0

function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
  table.insert(threads, thread)
end

function init(args)
  local plan, nthreads = args[1], tonumber(args[2])
  requests = {}
  local i = 0
  for line in io.lines(plan) do
    if i % nthreads == tid then
      local path, token = line:match("^(%S+)%s+(%S+)$")
      requests[#requests + 1] = wrk.format("POST", path, { ["Authorization"] = "Bearer " .. token })
    end
    i = i + 1
  end
  n = 0
  statuses, claimed, no_retry_after = {}, {}, 0
end

-- Paced: each connection taps every 50 ms, so a storm of fresh claims lasts the whole run.
function delay()
  return 50
end

function request()
  n = n + 1
  return requests[(n - 1) % #requests + 1]
end

function response(status, headers, body)
  local t = now_ms()
  local key = math.floor(t / 1000) .. " " .. status
  statuses[key] = (statuses[key] or 0) + 1
  if status == 200 and body:find('"outcome":"claimed"', 1, true) then
    local slot = math.floor(t / 100) * 100
    claimed[slot] = (claimed[slot] or 0) + 1
  elseif status == 503 and not headers["Retry-After"] then
    no_retry_after = no_retry_after + 1
  end
end

function done(summary, latency, requests)
  local s, c, nra = {}, {}, 0
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do s[k] = (s[k] or 0) + v end
    for k, v in pairs(t:get("claimed")) do c[k] = (c[k] or 0) + v end
    nra = nra + t:get("no_retry_after")
  end
  for k, v in pairs(s) do io.write("STATUS " .. k .. " " .. v .. "\n") end
  for k, v in pairs(c) do io.write(string.format("CLAIMED %d %d\n", k, v)) end
  io.write("NO_RETRY_AFTER " .. nra .. "\n")
  io.write(string.format("SOCKET_ERRORS %d\n", summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
