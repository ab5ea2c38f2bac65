-- ARGV: user id, share. Undoes one claim whose settle did not commit: only if the claim is still this share, and the
-- share goes back only while the packet is not closed.
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 'not_held' end
local state = redis.call('GET', KEYS[3])
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('SREM', KEYS[4], ARGV[1])
redis.call('ZREM', KEYS[5], ARGV[1])
if state == 'closed' or not state then return 'dropped' end
redis.call('RPUSH', KEYS[1], ARGV[2])
follow_state(KEYS[1])
if state == 'soldout' then redis.call('SET', KEYS[3], 'open', 'KEEPTTL') end
return 'requeued'
