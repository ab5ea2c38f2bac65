-- ARGV: pairs of (user, share) that MySQL committed. Marks each claim settled if Redis still holds that very share for
-- that user. Answers how many were marked.
local marked = 0
for i = 1, #ARGV, 2 do
  if redis.call('HGET', KEYS[2], ARGV[i]) == ARGV[i + 1] then
    redis.call('SADD', KEYS[4], ARGV[i])
    redis.call('ZREM', KEYS[5], ARGV[i])
    marked = marked + 1
  end
end
if marked > 0 then follow_state(KEYS[4]) end
return marked
