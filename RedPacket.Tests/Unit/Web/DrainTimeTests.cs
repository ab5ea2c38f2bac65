using RedPacket.Web.Components.Shared;

namespace RedPacket.Tests.Unit.Web;

public sealed class DrainTimeTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 17, 33, 40, TimeSpan.Zero);

    [Fact]
    public void Of_ClaimsListedAt40And42_TwoSecondsAsTheListShows() =>
        // 1.2 s apart by the clock, but the list shows 17:33:40 and 17:33:42: the figure agrees with the list.
        Assert.Equal(TimeSpan.FromSeconds(2), DrainTime.Of([At.AddMilliseconds(900), At.AddSeconds(2).AddMilliseconds(100)]));

    [Fact]
    public void Of_FromTheFirstClaimToTheLast_NotFromTheSend() =>
        Assert.Equal(TimeSpan.FromSeconds(5), DrainTime.Of([At.AddSeconds(30), At.AddSeconds(33), At.AddSeconds(35)]));

    [Fact]
    public void Of_WithinOneSecond_Zero() =>
        Assert.Equal(TimeSpan.Zero, DrainTime.Of([At.AddMilliseconds(100), At.AddMilliseconds(800)]));

    [Fact]
    public void Of_OneShare_Nothing() => Assert.Null(DrainTime.Of([At]));
}
