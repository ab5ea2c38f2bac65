-- Replays a plan with wrk: every line of the plan file, "<path> <token>", is POSTed once ("-" as the token:
-- no Authorization header). Lines go to the threads in blocks of <block> (default 1): line i to thread
-- floor(i / block) mod <threads>, so a block of neighbouring lines (the taps of one packet) runs at the same
-- time on one thread's connections, as one burst. Each thread stops once all its lines are answered;
-- while its last answers come in, its idle connections send a slow GET /api/bench/idle (204, not counted).
-- Counts every status and, for 200 answers, claimed vs alreadyClaimed; done() prints one RESULT line.
--   wrk -t2 -c128 -d300s --timeout 10s -s replay.lua http://127.0.0.1:PORT -- plan.txt 2 <empty-dir> [block]
-- wrk's own clock runs for the whole -d; so each thread times itself (first request to last answer), and the
-- last thread to finish (marker files in <empty-dir>) sends wrk SIGINT, which ends its wait early.
-- (wrk scripts are LuaJIT, Lua 5.1: no integer division operator; the ffi module is there.)

local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } timespec_t;
  int clock_gettime(int clk, timespec_t *ts);
  int getpid(void);
  int kill(int pid, int sig);
]]
local function now_us()
  local ts = ffi.new("timespec_t")
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
end

local threads = {}
local next_tid = 0

function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
  table.insert(threads, thread)
end

function init(args)
  local plan
  plan, nthreads, markers = args[1], tonumber(args[2]), args[3]
  local block = tonumber(args[4] or "1")
  requests = {}
  local i = 0
  for line in io.lines(plan) do
    if math.floor(i / block) % nthreads == tid then
      local path, token = line:match("^(%S+)%s+(%S+)$")
      local headers = {}
      if token ~= "-" then headers["Authorization"] = "Bearer " .. token end
      requests[#requests + 1] = wrk.format("POST", path, headers)
    end
    i = i + 1
  end
  idle = wrk.format("GET", "/api/bench/idle")
  total, sent, answered = #requests, 0, 0
  counts = {}
  -- wrk calls request() once on thread 0 right after init(), to look at the request, and never sends it.
  probe = (tid == 0)
end

function delay()
  if sent >= total then return 500 end
  return 0
end

function request()
  if probe then
    probe = false
    return idle
  end
  if sent < total then
    if sent == 0 then started_us = now_us() end
    sent = sent + 1
    return requests[sent]
  end
  return idle
end

local function count(key)
  counts[key] = (counts[key] or 0) + 1
end

function response(status, headers, body)
  if status == 204 then return end
  answered = answered + 1
  count("s" .. status)
  if status == 200 then
    if body:find('"outcome":"claimed"', 1, true) then count("claimed")
    elseif body:find('"outcome":"alreadyClaimed"', 1, true) then count("already") end
  end
  if answered == total then finish() end
end

function finish()
  finished_us = now_us()
  wrk.thread:stop()
  io.open(markers .. "/" .. tid, "w"):close()
  for t = 0, nthreads - 1 do
    local f = io.open(markers .. "/" .. t, "r")
    if not f then return end
    f:close()
  end
  ffi.C.kill(ffi.C.getpid(), 2)
end

function done(summary, latency, requests)
  local all = {}
  local first, last = nil, nil
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("counts")) do all[k] = (all[k] or 0) + v end
    local s, e = t:get("started_us"), t:get("finished_us") or now_us()
    if s and (not first or s < first) then first = s end
    if not last or e > last then last = e end
  end
  local answered = 0
  local statuses = {}
  for k, v in pairs(all) do
    if k:sub(1, 1) == "s" then
      answered = answered + v
      table.insert(statuses, k:sub(2) .. ":" .. v)
    end
  end
  table.sort(statuses)
  local seconds = (last - (first or last)) / 1e6
  io.write(string.format(
    "RESULT answered=%d seconds=%.3f rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f claimed=%d already=%d timeouts=%d socket_errors=%d statuses=%s\n",
    answered, seconds, answered / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    all["claimed"] or 0, all["already"] or 0, summary.errors.timeout,
    summary.errors.connect + summary.errors.read + summary.errors.write, table.concat(statuses, ",")))
end
