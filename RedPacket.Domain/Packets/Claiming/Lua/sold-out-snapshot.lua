-- No ARGV. A sold-out packet's claims and settled marks, read atomically; any other state answers just its name.
local state = redis.call('GET', KEYS[3])
if state ~= 'soldout' then return {state or 'missing'} end
return {state, redis.call('HGETALL', KEYS[2]), redis.call('SMEMBERS', KEYS[4])}
