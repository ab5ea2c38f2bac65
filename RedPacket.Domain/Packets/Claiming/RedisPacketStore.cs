using Microsoft.Extensions.Options;
using RedPacket.Domain.Redis;
using StackExchange.Redis;

namespace RedPacket.Domain.Packets.Claiming;

/// <summary>
/// The fast gate in front of MySQL: a packet's unclaimed shares, its claims and its state in Redis.
/// Every script checks everything before its first write, because Redis has no rollback.
/// </summary>
public sealed class RedisPacketStore(IConnectionMultiplexer redis, IOptions<RedisOptions> options)
{
    private IDatabase Db => redis.GetDatabase();

    private PacketKeys Keys(long packetId) => PacketKeys.For(options.Value.KeyPrefix, packetId);

    // KEYS: shares, claims, state. ARGV: user id.
    internal const string ClaimScript = """
        local state = redis.call('GET', KEYS[3])
        if not state then return {'missing'} end
        local mine = redis.call('HGET', KEYS[2], ARGV[1])
        if mine then return {'already', mine} end
        if state == 'closed' then return {'closed'} end
        if state ~= 'open' then return {'soldout'} end
        local share = redis.call('LPOP', KEYS[1])
        if not share then
          redis.call('SET', KEYS[3], 'soldout', 'KEEPTTL')
          return {'soldout'}
        end
        redis.call('HSET', KEYS[2], ARGV[1], share)
        local ttl = redis.call('PTTL', KEYS[3])
        if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
        if redis.call('LLEN', KEYS[1]) == 0 then redis.call('SET', KEYS[3], 'soldout', 'KEEPTTL') end
        return {'claimed', share}
        """;

    // KEYS: shares, claims, state. ARGV: expire-at (unix ms), state, claim count, then
    // claim count pairs of (user, share), then the unclaimed shares.
    // Loads only when the state key is missing, so a late or repeated load never resurrects a share.
    internal const string LoadScript = """
        if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
        redis.call('DEL', KEYS[1], KEYS[2])
        local claims = tonumber(ARGV[3])
        local i = 4
        for _ = 1, claims do
          redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
          i = i + 2
        end
        for j = i, #ARGV do redis.call('RPUSH', KEYS[1], ARGV[j]) end
        redis.call('SET', KEYS[3], ARGV[2])
        for k = 1, 3 do redis.call('PEXPIREAT', KEYS[k], ARGV[1]) end
        return 1
        """;

    // KEYS: shares, claims, state. ARGV: user id, share.
    // Undoes one claim whose settle did not commit: only if the claim is still this share,
    // and the share goes back only while the packet is not closed.
    internal const string ReleaseScript = """
        if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
        local state = redis.call('GET', KEYS[3])
        redis.call('HDEL', KEYS[2], ARGV[1])
        if state == 'closed' or not state then return 1 end
        redis.call('RPUSH', KEYS[1], ARGV[2])
        if state == 'soldout' then redis.call('SET', KEYS[3], 'open', 'KEEPTTL') end
        return 2
        """;

    // KEYS: shares, claims, state. ARGV: user id, the share MySQL says the user holds, the share Redis gave.
    // Repairs Redis after it handed a second share to a user MySQL already paid: the user keeps the
    // share MySQL knows, the other one goes back.
    internal const string RepairScript = """
        local state = redis.call('GET', KEYS[3])
        if not state then return 0 end
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
        if state == 'closed' then return 1 end
        redis.call('RPUSH', KEYS[1], ARGV[3])
        if state == 'soldout' then redis.call('SET', KEYS[3], 'open', 'KEEPTTL') end
        return 2
        """;

    // KEYS: shares, claims, state. ARGV: ttl ms. Closes the packet for good and returns its claims.
    internal const string CloseScript = """
        redis.call('SET', KEYS[3], 'closed', 'PX', ARGV[1])
        return redis.call('HGETALL', KEYS[2])
        """;

    // KEYS: claims. ARGV: user id, share. Drops a claim MySQL refused (the share went to somebody else or was refunded).
    internal const string ForgetScript = """
        if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
        return redis.call('HDEL', KEYS[1], ARGV[1])
        """;

    public async Task<ClaimReply> ClaimAsync(long packetId, string userId)
    {
        var k = Keys(packetId);
        var reply = (RedisResult[])(await Db.ScriptEvaluateAsync(ClaimScript, k.ClaimKeys, [userId]))!;
        return (string?)reply[0] switch
        {
            "claimed" => new(ClaimReplyKind.Claimed, ShareToken.Parse((string)reply[1]!)),
            "already" => new(ClaimReplyKind.AlreadyClaimed, ShareToken.Parse((string)reply[1]!)),
            "soldout" => new(ClaimReplyKind.SoldOut),
            "closed" => new(ClaimReplyKind.Closed),
            "missing" => new(ClaimReplyKind.Missing),
            var other => throw new InvalidOperationException($"Unknown claim reply '{other}'."),
        };
    }

    public async Task<bool> LoadAsync(long packetId, string state, IReadOnlyDictionary<string, ShareToken> claims,
        IEnumerable<ShareToken> unclaimed, DateTimeOffset expireAt)
    {
        var args = new List<RedisValue> { expireAt.ToUnixTimeMilliseconds(), state, claims.Count };
        foreach (var (user, share) in claims) { args.Add(user); args.Add(share.ToString()); }
        args.AddRange(unclaimed.Select(s => (RedisValue)s.ToString()));
        var loaded = (long)await Db.ScriptEvaluateAsync(LoadScript, Keys(packetId).ClaimKeys, [.. args]);
        return loaded == 1;
    }

    public async Task<bool> ReleaseAsync(long packetId, string userId, ShareToken share) =>
        (long)await Db.ScriptEvaluateAsync(ReleaseScript, Keys(packetId).ClaimKeys, [userId, share.ToString()]) > 0;

    public async Task RepairAsync(long packetId, string userId, ShareToken held, ShareToken given) =>
        await Db.ScriptEvaluateAsync(RepairScript, Keys(packetId).ClaimKeys, [userId, held.ToString(), given.ToString()]);

    public async Task ForgetAsync(long packetId, string userId, ShareToken share) =>
        await Db.ScriptEvaluateAsync(ForgetScript, [Keys(packetId).Claims], [userId, share.ToString()]);

    /// <summary>Marks the packet closed (no more claims) and returns what Redis says was claimed.</summary>
    public async Task<IReadOnlyDictionary<string, ShareToken>> CloseAsync(long packetId, TimeSpan keepFor)
    {
        var flat = (RedisResult[])(await Db.ScriptEvaluateAsync(CloseScript, Keys(packetId).ClaimKeys,
            [(long)Math.Max(keepFor.TotalMilliseconds, 60_000)]))!;
        var claims = new Dictionary<string, ShareToken>();
        for (var i = 0; i + 1 < flat.Length; i += 2)
            claims[(string)flat[i]!] = ShareToken.Parse((string)flat[i + 1]!);
        return claims;
    }

    public Task<bool> TryLockRebuildAsync(long packetId, string token, TimeSpan hold) =>
        Db.LockTakeAsync(Keys(packetId).RebuildLock, token, hold);

    public Task ReleaseRebuildLockAsync(long packetId, string token) =>
        Db.LockReleaseAsync(Keys(packetId).RebuildLock, token);

    public Task<bool> HasStateAsync(long packetId) => Db.KeyExistsAsync(Keys(packetId).State);
}
