-- The atomic claim. ARGV: user id. Answers {kind, share, shares left}.
local state = redis.call('GET', KEYS[3])
if not state then return {'missing'} end
local mine = redis.call('HGET', KEYS[2], ARGV[1])
if mine then
  local left = redis.call('LLEN', KEYS[1])
  if redis.call('SISMEMBER', KEYS[4], ARGV[1]) == 1 then return {'settled', mine, left} end
  return {'already', mine, left}
end
if state == 'closed' then return {'closed'} end
if state ~= 'open' then return {'soldout'} end
local share = redis.call('LPOP', KEYS[1])
if not share then
  redis.call('SET', KEYS[3], 'soldout', 'KEEPTTL')
  return {'soldout'}
end
redis.call('HSET', KEYS[2], ARGV[1], share)
-- Scored on Redis's own clock, so the reconciler's "how old" never depends on a web node's clock.
local now = redis.call('TIME')
redis.call('ZADD', KEYS[5], now[1] * 1000 + math.floor(now[2] / 1000), ARGV[1])
follow_state(KEYS[2], KEYS[5])
local left = redis.call('LLEN', KEYS[1])
if left == 0 then redis.call('SET', KEYS[3], 'soldout', 'KEEPTTL') end
return {'claimed', share, left}
