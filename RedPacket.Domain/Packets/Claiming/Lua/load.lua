-- ARGV: time to live (ms), state, claim count, then claim count pairs of (user, share), then the unclaimed shares.
-- Loads only when the state key is missing. The claims come from MySQL, so they are settled.
if redis.call('EXISTS', KEYS[3]) == 1 then return 'already_there' end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[4], KEYS[5])
local claims = tonumber(ARGV[3])
local i = 4
for _ = 1, claims do
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
  redis.call('SADD', KEYS[4], ARGV[i])
  i = i + 2
end
for j = i, #ARGV do redis.call('RPUSH', KEYS[1], ARGV[j]) end
redis.call('SET', KEYS[3], ARGV[2])
for k = 1, 4 do redis.call('PEXPIRE', KEYS[k], ARGV[1]) end
return 'loaded'
