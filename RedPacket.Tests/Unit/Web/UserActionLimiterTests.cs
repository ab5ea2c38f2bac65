using Microsoft.Extensions.Options;
using RedPacket.Web.Api;
using RedPacket.Web.Api.RateLimiting;

namespace RedPacket.Tests.Unit.Web;

public sealed class UserActionLimiterTests
{
    private static UserActionLimiter Limiter() => new(Options.Create(new RateLimitOptions
    {
        GrabsPerWindow = 2, GrabWindow = TimeSpan.FromMinutes(1), SendsPerWindow = 1, SendWindow = TimeSpan.FromMinutes(1),
    }));

    [Fact]
    public void TryAcquire_OverTheBudget_RefusedWithAWait()
    {
        using var limiter = Limiter();
        Assert.True(limiter.TryAcquire(UserActionLimiter.Grab, "bob", out _));
        Assert.True(limiter.TryAcquire(UserActionLimiter.Grab, "bob", out _));

        Assert.False(limiter.TryAcquire(UserActionLimiter.Grab, "bob", out var wait));
        Assert.True(wait > TimeSpan.Zero && wait <= TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void TryAcquire_BudgetsArePerUserAndPerAction()
    {
        using var limiter = Limiter();
        Assert.True(limiter.TryAcquire(UserActionLimiter.Send, "bob", out _));
        Assert.False(limiter.TryAcquire(UserActionLimiter.Send, "bob", out _));

        Assert.True(limiter.TryAcquire(UserActionLimiter.Send, "carol", out _));
        Assert.True(limiter.TryAcquire(UserActionLimiter.Grab, "bob", out _));
    }

    [Theory]
    [InlineData(0.2, 1)]
    [InlineData(1.0, 1)]
    [InlineData(1.2, 2)]
    public void Seconds_RoundsUpToWholeSeconds(double seconds, int expected) =>
        Assert.Equal(expected, RetryAfter.Seconds(TimeSpan.FromSeconds(seconds)));
}
