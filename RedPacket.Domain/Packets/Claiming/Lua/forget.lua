-- ARGV: user id, share. Drops a claim MySQL refused (the share went to somebody else or was refunded).
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 'not_held' end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('SREM', KEYS[4], ARGV[1])
redis.call('ZREM', KEYS[5], ARGV[1])
return 'forgotten'
