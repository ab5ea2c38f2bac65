namespace RedPacket.Web.Api.RateLimiting;

/// <summary>The answer of one rate check: the verdict, the window's count with this call, and the window's time left.</summary>
public readonly record struct RateDecision(RateVerdict Verdict, long Count, TimeSpan RetryAfter)
{
    public static readonly RateDecision Unchecked = new(RateVerdict.Unchecked, 0, TimeSpan.Zero);

    public bool Allowed => Verdict != RateVerdict.Refused;

    /// <summary>Whether a permit was taken in Redis (and so can be given back).</summary>
    public bool Counted => Verdict != RateVerdict.Unchecked;

    /// <summary>Whole seconds for a <c>Retry-After</c> header: at least 1, rounded up.</summary>
    public int RetryAfterSeconds => RateLimiting.RetryAfter.Seconds(RetryAfter);
}
