-- ARGV: user id, the share MySQL says the user holds, the share Redis gave. Repairs Redis after it handed a second share
-- to a user MySQL already paid: the user keeps (settled) the share MySQL knows, the other goes back.
local state = redis.call('GET', KEYS[3])
if not state then return 'missing' end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('SADD', KEYS[4], ARGV[1])
redis.call('ZREM', KEYS[5], ARGV[1])
follow_state(KEYS[4])
if state == 'closed' then return 'kept_closed' end
redis.call('RPUSH', KEYS[1], ARGV[3])
follow_state(KEYS[1])
if state == 'soldout' then redis.call('SET', KEYS[3], 'open', 'KEEPTTL') end
return 'requeued'
