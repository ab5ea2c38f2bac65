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
    // The scripts are Lua/*.lua (LuaScripts); each says its ARGV and its answers at its top.
    // Time: no script takes a moment from the app's clock. Lifetimes arrive as durations (PEXPIRE/PX), and the
    // pending set is scored and read on Redis's own clock (TIME), so a web node whose clock is off cannot make a
    // claim look older or younger than it is, nor a packet's keys outlive or predecease it (ADR 10).
    public static readonly string ClaimScript = LuaScripts.Named("claim");
    internal static readonly string MarkSettledScript = LuaScripts.Named("mark-settled");
    internal static readonly string LoadScript = LuaScripts.Named("load");
    internal static readonly string ReleaseScript = LuaScripts.Named("release");
    internal static readonly string RepairScript = LuaScripts.Named("repair");
    internal static readonly string CloseScript = LuaScripts.Named("close");
    internal static readonly string ForgetScript = LuaScripts.Named("forget");
    internal static readonly string StaleClaimsScript = LuaScripts.Named("stale-claims");
    internal static readonly string PeekScript = LuaScripts.Named("peek");
    internal static readonly string SoldOutSnapshotScript = LuaScripts.Named("sold-out-snapshot");

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
