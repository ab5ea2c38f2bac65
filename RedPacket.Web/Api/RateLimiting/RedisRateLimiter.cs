using RedPacket.Domain.Packets.Claiming;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Redis;
using StackExchange.Redis;

namespace RedPacket.Web.Api.RateLimiting;

/// <summary>
/// Fixed-window limits shared by every web node: one Redis counter per (bucket, key) and window, and one round trip per
/// check (a script counts, starts the window's expiry when the counter is new, and answers the count and the time left).
/// Each key is hash-tagged on its own, so the counters spread over a Redis Cluster's slots.
/// <para>
/// When Redis cannot be asked the check lets the call through (<see cref="RateVerdict.Unchecked"/>) and logs a warning,
/// at most every <see cref="WarnEvery"/>. Failing closed would answer every sign-in with 503 while Redis is down: the
/// whole site locked out, which is the outage an attacker would like to cause. The limits built on this (sign-in,
/// registration) slow guessing down over minutes; an outage of Redis lets a few more guesses through, not money.
/// A caller whose limit must hold even then checks for <see cref="RateVerdict.Unchecked"/> and refuses by itself.
/// </para>
/// </summary>
public sealed class RedisRateLimiter(IConnectionMultiplexer redis, IOptions<RedisOptions> options, ILogger<RedisRateLimiter> log)
{
    public static readonly TimeSpan WarnEvery = TimeSpan.FromSeconds(30);

    // The scripts are Lua/*.lua beside this file (embedded; the test command checks them with luac5.1 -p).
    public static readonly string AcquireScript = LuaScripts.Read(typeof(RedisRateLimiter).Assembly, "acquire");
    public static readonly string GiveBackScript = LuaScripts.Read(typeof(RedisRateLimiter).Assembly, "give-back");

    private long _lastWarningAt = long.MinValue / 2;

    /// <summary>
    /// Counts one call of <paramref name="key"/> in <paramref name="bucket"/>; allowed while the window's count is at most
    /// <paramref name="limit"/>. A refused call counts too, so hammering does not open the door sooner. Keep keys short:
    /// hash what a client chooses freely.
    /// </summary>
    public async Task<RateDecision> TryAcquireAsync(string bucket, string key, int limit, TimeSpan window)
    {
        if (!redis.IsConnected) return Unavailable(bucket, null);
        try
        {
            var windowMs = Math.Max(1L, (long)window.TotalMilliseconds);
            var reply = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(AcquireScript, [KeyOf(bucket, key)], [windowMs]))!;
            var (result, count, left) = ((string?)reply[0], (long)reply[1], TimeSpan.FromMilliseconds((long)reply[2]));
            if (result is not ("opened" or "counted" or "healed"))
                throw new InvalidOperationException($"Unknown rate script reply '{result}'.");
            return new RateDecision(count <= limit ? RateVerdict.Allowed : RateVerdict.Refused, count, left);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return Unavailable(bucket, e);
        }
    }

    /// <summary>Gives back a permit <see cref="TryAcquireAsync"/> counted, e.g. for a call that turned out not to count.</summary>
    public async Task<GiveBackResult> GiveBackAsync(string bucket, string key)
    {
        if (!redis.IsConnected)
        {
            Unavailable(bucket, null);
            return GiveBackResult.Unchecked;
        }
        try
        {
            return (string?)await redis.GetDatabase().ScriptEvaluateAsync(GiveBackScript, [KeyOf(bucket, key)]) switch
            {
                "given_back" => GiveBackResult.GivenBack,
                "nothing_held" => GiveBackResult.NothingHeld,
                var other => throw new InvalidOperationException($"Unknown give-back script reply '{other}'."),
            };
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Unavailable(bucket, e);
            return GiveBackResult.Unchecked;
        }
    }

    /// <summary>The counter's key: the braces make <c>bucket:key</c> the hash tag, so each counter picks its own cluster slot.</summary>
    public RedisKey KeyOf(string bucket, string key) => $"{options.Value.KeyPrefix}rl:{{{bucket}:{key}}}";

    private RateDecision Unavailable(string bucket, Exception? e)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastWarningAt);
        if (now - last >= (long)WarnEvery.TotalMilliseconds && Interlocked.CompareExchange(ref _lastWarningAt, now, last) == last)
            log.LogWarning(e, "Rate limit {Bucket} not checked, Redis is unavailable: calls go through unlimited until it is back", bucket);
        return RateDecision.Unchecked;
    }
}
