-- KEYS[1]: the counter. Takes one back while its window lasts; a DECR after the window would create a counter with no
-- expiry at -1.
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count <= 0 then return 'nothing_held' end
redis.call('DECR', KEYS[1])
return 'given_back'
