using Microsoft.Extensions.Options;

namespace RedPacket.Web.Api.RateLimiting;

/// <summary>
/// The per-user grab and send budgets, held across every web node. A call is first counted on this node (no round
/// trip: a client hammering one node is turned away without touching Redis), then in Redis, where every node counts
/// the same user's calls together. Used by the API's filter and by the pages alike.
/// </summary>
public sealed class UserActionGate(UserActionLimiter local, RedisRateLimiter shared, IOptions<RateLimitOptions> options)
{
    /// <summary>Allowed, or how long until the user may try again.</summary>
    public async Task<(bool Allowed, TimeSpan RetryAfter)> TryAcquireAsync(string action, string userId)
    {
        if (!local.TryAcquire(action, userId, out var wait)) return (false, wait);
        var o = options.Value;
        var (limit, window) = action == UserActionLimiter.Grab ? (o.GrabsPerWindow, o.GrabWindow) : (o.SendsPerWindow, o.SendWindow);
        // Redis down: the call goes on (and a grab answers 503 anyway, as it needs Redis itself).
        var decision = await shared.TryAcquireAsync(action, userId, limit, window);
        return decision.Verdict == RateVerdict.Refused ? (false, decision.RetryAfter) : (true, TimeSpan.Zero);
    }
}
