using System.Diagnostics;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Observability;
using RedPacket.Domain.Redis;
using StackExchange.Redis;

namespace RedPacket.Domain.Packets.Claiming;

/// <summary>
/// The fast gate in front of MySQL: a packet's unclaimed shares, its claims, which claims MySQL has
/// committed (settled), and its state, in Redis. Every script checks everything before its first
/// write, because Redis has no rollback, and every script answers with a named result.
/// </summary>
public sealed class RedisPacketStore(IConnectionMultiplexer redis, IOptions<RedisOptions> options, RedPacketMetrics metrics)
{
    private IDatabase Db => redis.GetDatabase();

    private PacketKeys Keys(long packetId) => PacketKeys.For(options.Value.KeyPrefix, packetId);

    // Every script takes KEYS: shares (list), claims (hash user → share), state (open/soldout/closed),
    // settled (set of users whose claim MySQL committed), pending (sorted set of users whose claim is not settled
    // yet, scored by when the share was popped, so the reconciler finds claims whose node died before the commit).
    // Keys a script creates get the state key's expiry, so nothing outlives the packet (a list recreated by RPUSH
    // after its last LPOP would otherwise live forever).
    // Time: no script takes a moment from the app's clock. Lifetimes arrive as durations (PEXPIRE/PX), and the
    // pending set is scored and read on Redis's own clock (TIME), so a web node whose clock is off cannot make a
    // claim look older or younger than it is, nor a packet's keys outlive or predecease it (docs/ARCHITECTURE.md, Time).

    // ARGV: user id. Answers {kind, share, shares left}.
    public const string ClaimScript = """
        local state = redis.call('GET', KEYS[3])
        if not state then return {'missing'} end
        local mine = redis.call('HGET', KEYS[2], ARGV[1])
        if mine then
          local left = redis.call('LLEN', KEYS[1])
          if redis.call('SISMEMBER', KEYS[4], ARGV[1]) == 1 then return {'settled', mine, left} end
          return {'already', mine, left}
        end
        if state == 'closed' then return {'closed'} end
        if state ~= 'open' then return {'soldout'} end
        local share = redis.call('LPOP', KEYS[1])
        if not share then
          redis.call('SET', KEYS[3], 'soldout', 'KEEPTTL')
          return {'soldout'}
        end
        redis.call('HSET', KEYS[2], ARGV[1], share)
        local now = redis.call('TIME')
        redis.call('ZADD', KEYS[5], now[1] * 1000 + math.floor(now[2] / 1000), ARGV[1])
        local ttl = redis.call('PTTL', KEYS[3])
        if ttl > 0 then
          redis.call('PEXPIRE', KEYS[2], ttl)
          redis.call('PEXPIRE', KEYS[5], ttl)
        end
        local left = redis.call('LLEN', KEYS[1])
        if left == 0 then redis.call('SET', KEYS[3], 'soldout', 'KEEPTTL') end
        return {'claimed', share, left}
        """;

    // ARGV: pairs of (user, share) that MySQL committed. Marks each claim settled if Redis still holds that
    // very share for that user. Answers how many were marked.
    internal const string MarkSettledScript = """
        local marked = 0
        for i = 1, #ARGV, 2 do
          if redis.call('HGET', KEYS[2], ARGV[i]) == ARGV[i + 1] then
            redis.call('SADD', KEYS[4], ARGV[i])
            redis.call('ZREM', KEYS[5], ARGV[i])
            marked = marked + 1
          end
        end
        if marked > 0 then
          local ttl = redis.call('PTTL', KEYS[3])
          if ttl > 0 then redis.call('PEXPIRE', KEYS[4], ttl) end
        end
        return marked
        """;

    // ARGV: time to live (ms), state, claim count, then claim count pairs of (user, share), then the
    // unclaimed shares. Loads only when the state key is missing. The claims come from MySQL, so they are settled.
    internal const string LoadScript = """
        if redis.call('EXISTS', KEYS[3]) == 1 then return 'already_there' end
        redis.call('DEL', KEYS[1], KEYS[2], KEYS[4], KEYS[5])
        local claims = tonumber(ARGV[3])
        local i = 4
        for _ = 1, claims do
          redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
          redis.call('SADD', KEYS[4], ARGV[i])
          i = i + 2
        end
        for j = i, #ARGV do redis.call('RPUSH', KEYS[1], ARGV[j]) end
        redis.call('SET', KEYS[3], ARGV[2])
        for k = 1, 4 do redis.call('PEXPIRE', KEYS[k], ARGV[1]) end
        return 'loaded'
        """;

    // ARGV: user id, share. Undoes one claim whose settle did not commit: only if the claim is still this
    // share, and the share goes back only while the packet is not closed.
    internal const string ReleaseScript = """
        if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 'not_held' end
        local state = redis.call('GET', KEYS[3])
        redis.call('HDEL', KEYS[2], ARGV[1])
        redis.call('SREM', KEYS[4], ARGV[1])
        redis.call('ZREM', KEYS[5], ARGV[1])
        if state == 'closed' or not state then return 'dropped' end
        redis.call('RPUSH', KEYS[1], ARGV[2])
        local ttl = redis.call('PTTL', KEYS[3])
        if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
        if state == 'soldout' then redis.call('SET', KEYS[3], 'open', 'KEEPTTL') end
        return 'requeued'
        """;

    // ARGV: user id, the share MySQL says the user holds, the share Redis gave. Repairs Redis after it handed
    // a second share to a user MySQL already paid: the user keeps (settled) the share MySQL knows, the other goes back.
    internal const string RepairScript = """
        local state = redis.call('GET', KEYS[3])
        if not state then return 'missing' end
        local ttl = redis.call('PTTL', KEYS[3])
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
        redis.call('SADD', KEYS[4], ARGV[1])
        redis.call('ZREM', KEYS[5], ARGV[1])
        if ttl > 0 then redis.call('PEXPIRE', KEYS[4], ttl) end
        if state == 'closed' then return 'kept_closed' end
        redis.call('RPUSH', KEYS[1], ARGV[3])
        if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
        if state == 'soldout' then redis.call('SET', KEYS[3], 'open', 'KEEPTTL') end
        return 'requeued'
        """;

    // ARGV: ttl ms. Closes the packet for good and returns its claims.
    internal const string CloseScript = """
        redis.call('SET', KEYS[3], 'closed', 'PX', ARGV[1])
        return redis.call('HGETALL', KEYS[2])
        """;

    // ARGV: user id, share. Drops a claim MySQL refused (the share went to somebody else or was refunded).
    internal const string ForgetScript = """
        if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 'not_held' end
        redis.call('HDEL', KEYS[2], ARGV[1])
        redis.call('SREM', KEYS[4], ARGV[1])
        redis.call('ZREM', KEYS[5], ARGV[1])
        return 'forgotten'
        """;

    // ARGV: minimum age (ms). The claims popped at least that long ago (on Redis's clock, which scored them) and still
    // not settled: flat (user, share) pairs.
    internal const string StaleClaimsScript = """
        local now = redis.call('TIME')
        local cutoff = now[1] * 1000 + math.floor(now[2] / 1000) - tonumber(ARGV[1])
        local stale = redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', cutoff)
        local found = {}
        for _, user in ipairs(stale) do
          local share = redis.call('HGET', KEYS[2], user)
          if share and redis.call('SISMEMBER', KEYS[4], user) == 0 then
            table.insert(found, user)
            table.insert(found, share)
          end
        end
        return found
        """;

    // ARGV: user id. Read-only: the user's claim and whether it is settled, and the shares left; nothing is popped
    // (for a packet past its expiry, which must not hand out shares however Redis still sees it).
    internal const string PeekScript = """
        if redis.call('EXISTS', KEYS[3]) == 0 then return {'missing'} end
        local mine = redis.call('HGET', KEYS[2], ARGV[1])
        if not mine then return {'none'} end
        local left = redis.call('LLEN', KEYS[1])
        if redis.call('SISMEMBER', KEYS[4], ARGV[1]) == 1 then return {'settled', mine, left} end
        return {'already', mine, left}
        """;

    // No ARGV. A sold-out packet's claims and settled marks, read atomically; any other state answers just its name.
    internal const string SoldOutSnapshotScript = """
        local state = redis.call('GET', KEYS[3])
        if state ~= 'soldout' then return {state or 'missing'} end
        return {state, redis.call('HGETALL', KEYS[2]), redis.call('SMEMBERS', KEYS[4])}
        """;

    public async Task<ClaimReply> ClaimAsync(long packetId, string userId)
    {
        var askedAgain = false;
        var reply = (RedisResult[])(await EvaluateAsync("claim", ClaimScript, Keys(packetId).All, [userId], () => askedAgain = true))!;
        return (string?)reply[0] switch
        {
            "claimed" => new(ClaimReplyKind.Claimed, ShareToken.Parse((string)reply[1]!), (int)reply[2]),
            // Asked again after a lost reply: the first run popped this share for this very call, so it is its claim.
            "already" when askedAgain => new(ClaimReplyKind.Claimed, ShareToken.Parse((string)reply[1]!), (int)reply[2]),
            "already" => new(ClaimReplyKind.AlreadyClaimed, ShareToken.Parse((string)reply[1]!), (int)reply[2]),
            "settled" => new(ClaimReplyKind.Settled, ShareToken.Parse((string)reply[1]!), (int)reply[2]),
            "soldout" => new(ClaimReplyKind.SoldOut),
            "closed" => new(ClaimReplyKind.Closed),
            "missing" => new(ClaimReplyKind.Missing),
            var other => throw new InvalidOperationException($"Unknown claim reply '{other}'."),
        };
    }

    /// <summary>
    /// The user's claim without claiming: <see cref="ClaimReplyKind.Settled"/> or <see cref="ClaimReplyKind.AlreadyClaimed"/>
    /// with the share, <see cref="ClaimReplyKind.Missing"/> when Redis has no state, and <see cref="ClaimReplyKind.SoldOut"/>
    /// when the user holds nothing (nothing more to hand out to them).
    /// </summary>
    public async Task<ClaimReply> PeekAsync(long packetId, string userId)
    {
        var reply = (RedisResult[])(await EvaluateAsync("peek", PeekScript, Keys(packetId).All, [userId]))!;
        return (string?)reply[0] switch
        {
            "settled" => new(ClaimReplyKind.Settled, ShareToken.Parse((string)reply[1]!), (int)reply[2]),
            "already" => new(ClaimReplyKind.AlreadyClaimed, ShareToken.Parse((string)reply[1]!), (int)reply[2]),
            "none" => new(ClaimReplyKind.SoldOut),
            "missing" => new(ClaimReplyKind.Missing),
            var other => throw new InvalidOperationException($"Unknown peek reply '{other}'."),
        };
    }

    /// <summary>Marks claims MySQL committed, so a repeat tap is answered by Redis alone. Returns how many were marked.</summary>
    public async Task<int> MarkSettledAsync(long packetId, IReadOnlyCollection<(string UserId, ShareToken Share)> settled)
    {
        if (settled.Count == 0) return 0;
        var args = new RedisValue[settled.Count * 2];
        var i = 0;
        foreach (var (user, share) in settled) { args[i++] = user; args[i++] = share.ToString(); }
        return (int)await EvaluateAsync("mark_settled", MarkSettledScript, Keys(packetId).All, args);
    }

    /// <summary>
    /// Loads a packet unless Redis has it already; its keys live for <paramref name="keepFor"/> from now on Redis's clock
    /// (at least <see cref="MinKeyLifetime"/>, so a packet rebuilt after its expiry still answers "closed" for a while).
    /// </summary>
    public async Task<LoadResult> LoadAsync(long packetId, string state, IReadOnlyDictionary<string, ShareToken> claims,
        IEnumerable<ShareToken> unclaimed, TimeSpan keepFor)
    {
        var args = new List<RedisValue> { Milliseconds(keepFor), state, claims.Count };
        foreach (var (user, share) in claims) { args.Add(user); args.Add(share.ToString()); }
        args.AddRange(unclaimed.Select(s => (RedisValue)s.ToString()));
        return Named(await EvaluateAsync("load", LoadScript, Keys(packetId).All, [.. args]), s => s switch
        {
            "loaded" => LoadResult.Loaded,
            "already_there" => LoadResult.AlreadyThere,
            _ => (LoadResult?)null,
        });
    }

    public async Task<ReleaseResult> ReleaseAsync(long packetId, string userId, ShareToken share) =>
        Named(await EvaluateAsync("release", ReleaseScript, Keys(packetId).All, [userId, share.ToString()]), s => s switch
        {
            "not_held" => ReleaseResult.NotHeld,
            "dropped" => ReleaseResult.Dropped,
            "requeued" => ReleaseResult.Requeued,
            _ => (ReleaseResult?)null,
        });

    public async Task<RepairResult> RepairAsync(long packetId, string userId, ShareToken held, ShareToken given) =>
        Named(await EvaluateAsync("repair", RepairScript, Keys(packetId).All, [userId, held.ToString(), given.ToString()]), s => s switch
        {
            "missing" => RepairResult.Missing,
            "kept_closed" => RepairResult.KeptClosed,
            "requeued" => RepairResult.Requeued,
            _ => (RepairResult?)null,
        });

    public async Task<ForgetResult> ForgetAsync(long packetId, string userId, ShareToken share) =>
        Named(await EvaluateAsync("forget", ForgetScript, Keys(packetId).All, [userId, share.ToString()]), s => s switch
        {
            "not_held" => ForgetResult.NotHeld,
            "forgotten" => ForgetResult.Forgotten,
            _ => (ForgetResult?)null,
        });

    /// <summary>
    /// Claims Redis handed out at least <paramref name="minAge"/> ago, by Redis's clock, that MySQL has not settled
    /// (as far as Redis knows).
    /// </summary>
    public async Task<IReadOnlyList<PendingClaim>> StaleClaimsAsync(long packetId, TimeSpan minAge)
    {
        var flat = (RedisResult[])(await EvaluateAsync("stale_claims", StaleClaimsScript, Keys(packetId).All,
            [(long)Math.Max(0, minAge.TotalMilliseconds)]))!;
        var stale = new List<PendingClaim>(flat.Length / 2);
        for (var i = 0; i + 1 < flat.Length; i += 2)
            stale.Add(new PendingClaim((string)flat[i]!, ShareToken.Parse((string)flat[i + 1]!)));
        return stale;
    }

    /// <summary>
    /// Who holds which share of a sold-out packet, and whose claim is settled; null when the packet is not sold out
    /// (open, closed or unknown), whose answers must come from the claim script.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, (ShareToken Share, bool Settled)>?> SoldOutSnapshotAsync(long packetId)
    {
        var reply = (RedisResult[])(await EvaluateAsync("sold_out_snapshot", SoldOutSnapshotScript, Keys(packetId).All))!;
        if ((string?)reply[0] != "soldout") return null;
        var flat = (RedisResult[])reply[1]!;
        var settled = ((RedisResult[])reply[2]!).Select(r => (string)r!).ToHashSet();
        var claims = new Dictionary<string, (ShareToken, bool)>(flat.Length / 2);
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            var user = (string)flat[i]!;
            claims[user] = (ShareToken.Parse((string)flat[i + 1]!), settled.Contains(user));
        }
        return claims;
    }

    /// <summary>Every claim Redis holds for the packet (user → share), settled or not. For checks, not for the hot path.</summary>
    public async Task<IReadOnlyDictionary<string, ShareToken>> ClaimsAsync(long packetId) =>
        (await Db.HashGetAllAsync(Keys(packetId).Claims)).ToDictionary(e => (string)e.Name!, e => ShareToken.Parse((string)e.Value!));

    /// <summary>Marks the packet closed (no more claims) and returns what Redis says was claimed.</summary>
    public async Task<IReadOnlyDictionary<string, ShareToken>> CloseAsync(long packetId, TimeSpan keepFor)
    {
        var flat = (RedisResult[])(await EvaluateAsync("close", CloseScript, Keys(packetId).All, [Milliseconds(keepFor)]))!;
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

    /// <summary>
    /// Every script call goes through here, so each one's round trip is measured (by script name). Every packet script
    /// is idempotent (a second run of a claim returns the same share; the others find their work done), so a call that
    /// failed in passing is sent again until <see cref="RetryFor"/> has gone by: a reply lost to a dropped connection, a
    /// timeout, a Redis still loading its data or mid fail-over, a cluster slot migrating. Past that the caller gets the
    /// error, which the web answers with 503 and Retry-After.
    /// </summary>
    private async Task<RedisResult> EvaluateAsync(string name, string script, RedisKey[] keys, RedisValue[]? values = null,
        Action? askingAgain = null)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await Db.ScriptEvaluateAsync(script, keys, values);
                }
                catch (RedisException e) when (RedisFaults.IsRetryable(e) && Stopwatch.GetElapsedTime(started) < RetryFor)
                {
                    metrics.RedisRetried(name);
                    askingAgain?.Invoke();
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(20 * attempt, 200)));
                }
            }
        }
        finally
        {
            metrics.RedisScriptEvaluated(name, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>How long a script call keeps trying through a passing failure (a blip must not reach the user).</summary>
    public static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(2);

    /// <summary>The shortest life a packet's keys get, whatever the caller asks (a closed packet's answer must outlive the close).</summary>
    public static readonly TimeSpan MinKeyLifetime = TimeSpan.FromMinutes(1);

    private static long Milliseconds(TimeSpan keepFor) => (long)Math.Max(keepFor.TotalMilliseconds, MinKeyLifetime.TotalMilliseconds);

    private static T Named<T>(RedisResult result, Func<string?, T?> name) where T : struct =>
        name((string?)result) ?? throw new InvalidOperationException($"Unknown {typeof(T).Name} reply '{result}'.");
}
