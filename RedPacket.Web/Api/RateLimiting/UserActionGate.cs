using Microsoft.Extensions.Options;

namespace RedPacket.Web.Api.RateLimiting;

/// <summary>
/// The per-user grab, send and chat budgets, held across every web node. A call is first counted on this node (no round
/// trip: a client hammering one node is turned away without touching Redis). A send is then counted in Redis, where
/// every node counts the same user's calls together (a chat line likewise); a grab is counted there by the grabber itself, just before it
/// costs a Redis claim (<see cref="RedisGrabThrottle"/>), so the late taps a node answers from memory stay cheap.
/// Used by the API's filter and by the pages alike.
/// </summary>
public sealed class UserActionGate(UserActionLimiter local, RedisRateLimiter shared, IOptions<RateLimitOptions> options)
{
    /// <summary>Allowed, or how long until the user may try again.</summary>
    public async Task<(bool Allowed, TimeSpan RetryAfter)> TryAcquireAsync(string action, string userId)
    {
        if (!local.TryAcquire(action, userId, out var wait)) return (false, wait);
        if (action == UserActionLimiter.Grab) return (true, TimeSpan.Zero);
        var (limit, window) = options.Value.Budget(action);
        // Redis down: the call goes on (a grab never gets here: its budget is counted by the grabber).
        var decision = await shared.TryAcquireAsync(action, userId, limit, window);
        return decision.Verdict == RateVerdict.Refused ? (false, decision.RetryAfter) : (true, TimeSpan.Zero);
    }
}
