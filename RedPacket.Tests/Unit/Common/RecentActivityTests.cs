using RedPacket.Domain.Observability;

namespace RedPacket.Tests.Unit.Common;

public sealed class RecentActivityTests
{
    private long _ms = 10 * 60_000;

    [Fact]
    public void LastHour_GrabsAndSettleP99PerMinute_OldestFirst()
    {
        var recent = new RecentActivity(() => _ms);
        for (var i = 0; i < 99; i++) { recent.Grabbed(); recent.Settled(TimeSpan.FromMilliseconds(2)); }
        recent.Grabbed();
        recent.Settled(TimeSpan.FromMilliseconds(400));
        _ms += 60_000;
        recent.Grabbed();

        var hour = recent.LastHour();

        Assert.Equal(60, hour.Count);
        Assert.Equal((0, 1L, 0.0), hour[^1]);
        var before = hour[^2];
        Assert.Equal((1, 100L), (before.MinutesAgo, before.Grabs));
        // 99 of 100 settled within 2 ms: the p99 is the 2 ms bucket's bound (within its 25 % step), not the 400 ms outlier.
        Assert.InRange(before.SettleP99Ms, 2.0, 2.5);
    }

    [Fact]
    public void LastHour_AnHourLater_TheOldMinuteIsGoneNotAddedTo()
    {
        var recent = new RecentActivity(() => _ms);
        recent.Grabbed();
        _ms += 60 * 60_000;

        Assert.All(recent.LastHour(), m => Assert.Equal(0, m.Grabs));
        recent.Grabbed();
        Assert.Equal(1, recent.LastHour()[^1].Grabs);
    }
}
