-- ARGV: minimum age (ms). The claims popped at least that long ago (on Redis's clock, which scored them) and still not
-- settled: flat (user, share) pairs.
local now = redis.call('TIME')
local cutoff = now[1] * 1000 + math.floor(now[2] / 1000) - tonumber(ARGV[1])
local stale = redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', cutoff)
local found = {}
for _, user in ipairs(stale) do
  local share = redis.call('HGET', KEYS[2], user)
  if share and redis.call('SISMEMBER', KEYS[4], user) == 0 then
    table.insert(found, user)
    table.insert(found, share)
  end
end
return found
