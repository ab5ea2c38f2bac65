-- ARGV: time to live (ms). Closes the packet for good and returns its claims.
redis.call('SET', KEYS[3], 'closed', 'PX', ARGV[1])
return redis.call('HGETALL', KEYS[2])
