using Microsoft.Extensions.Options;
using RedPacket.Domain.Packets.Claiming;

namespace RedPacket.Web.Api.RateLimiting;

/// <summary>The grab budget counted in Redis, so it holds however a user's taps spread over the web nodes.</summary>
public sealed class RedisGrabThrottle(RedisRateLimiter limiter, IOptions<RateLimitOptions> options) : IGrabThrottle
{
    public async ValueTask<TimeSpan?> HoldBackAsync(string userId)
    {
        var o = options.Value;
        // Redis down: the grab goes on, and answers 503 itself, as it needs Redis for the claim anyway.
        var decision = await limiter.TryAcquireAsync(UserActionLimiter.Grab, userId, o.GrabsPerWindow, o.GrabWindow);
        return decision.Verdict == RateVerdict.Refused ? decision.RetryAfter : null;
    }
}
