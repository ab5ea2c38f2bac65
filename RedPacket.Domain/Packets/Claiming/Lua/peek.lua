-- ARGV: user id. Read-only: the user's claim and whether it is settled, and the shares left; nothing is popped (for a
-- packet past its expiry, which must not hand out shares however Redis still sees it).
if redis.call('EXISTS', KEYS[3]) == 0 then return {'missing'} end
local mine = redis.call('HGET', KEYS[2], ARGV[1])
if not mine then return {'none'} end
local left = redis.call('LLEN', KEYS[1])
if redis.call('SISMEMBER', KEYS[4], ARGV[1]) == 1 then return {'settled', mine, left} end
return {'already', mine, left}
