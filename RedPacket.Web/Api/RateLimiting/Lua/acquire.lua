-- KEYS[1]: the counter. ARGV[1]: the window (ms). Counts one call; the first of a window starts its expiry, and a
-- counter that lost its expiry gets it back. Answers {how, count, ms left in the window}.
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  return {'opened', count, tonumber(ARGV[1])}
end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  return {'healed', count, tonumber(ARGV[1])}
end
return {'counted', count, left}
