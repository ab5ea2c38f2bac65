namespace RedPacket.Web.Api.RateLimiting;

/// <summary>What <see cref="RedisRateLimiter.GiveBackAsync"/> did.</summary>
public enum GiveBackResult
{
    /// <summary>The window's count went down by one.</summary>
    GivenBack,

    /// <summary>The window is over (or nothing was taken): there is nothing to give back.</summary>
    NothingHeld,

    /// <summary>Redis could not be asked.</summary>
    Unchecked,
}
