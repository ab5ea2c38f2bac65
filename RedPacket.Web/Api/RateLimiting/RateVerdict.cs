namespace RedPacket.Web.Api.RateLimiting;

/// <summary>How a rate check ended.</summary>
public enum RateVerdict
{
    /// <summary>Within the window's budget; <see cref="RateDecision.Count"/> includes this call.</summary>
    Allowed,

    /// <summary>Over the budget; try again after <see cref="RateDecision.RetryAfter"/> (the window's time left).</summary>
    Refused,

    /// <summary>Redis could not be asked; the call goes through (see <see cref="RedisRateLimiter"/> for why).</summary>
    Unchecked,
}
