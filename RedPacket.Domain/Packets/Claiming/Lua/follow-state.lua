-- Prepended to every packet script (LuaScripts.cs). Keys a script creates or refills live exactly as long as the
-- packet's state key (KEYS[3]), never longer: a list recreated by RPUSH after its last LPOP would otherwise live forever.
-- Answers the state key's time to live in ms (negative when it has none).
local function follow_state(...)
  local ttl = redis.call('PTTL', KEYS[3])
  if ttl > 0 then
    for _, key in ipairs({...}) do redis.call('PEXPIRE', key, ttl) end
  end
  return ttl
end
