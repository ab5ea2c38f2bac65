using RedPacket.Domain.Dashboard;
using RedPacket.Domain.Refunds;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Admin;

/// <summary>The admin dashboard's figures from the database: today, refunds per day, the busiest groups.</summary>
public sealed class AdminDashboardTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private AdminDashboard Dashboard => Fixture.Get<AdminDashboard>();

    [Fact]
    public async Task Today_BusiestAndRefunds_CountWhatHappened()
    {
        var before = await Dashboard.TodayAsync();
        var alice = await Driver.UserAsync("alice", 10_000);
        var bob = await Driver.UserAsync("bob");
        var quiet = await Driver.GroupAsync(alice, bob);
        var busy = await Driver.GroupAsync(bob, alice);
        await Driver.SendAsync(alice, quiet, 100, 1);
        var first = await Driver.SendAsync(alice, busy, 300, 3);
        await Driver.SendAsync(alice, busy, 200, 2);
        await Driver.GrabAsync(first.PacketId, bob);

        var today = await Dashboard.TodayAsync();
        var busiest = await Dashboard.BusiestGroupsAsync(take: 50);

        Assert.Equal(new TodayFigures(before.Packets + 3, before.SentCents + 600, before.Grabs + 1), today);
        var mine = busiest.Where(g => g.GroupId == busy || g.GroupId == quiet).ToList();
        Assert.Equal([(busy, 2, 1L), (quiet, 1, 0L)], mine.Select(g => (g.GroupId, g.Packets, g.Grabs)));

        // A day later the two untaken shares of "first", and the rest, come back: today's refunds count them.
        Fixture.Clock.Advance(TimeSpan.FromHours(25));
        var refundsBefore = (await Dashboard.RefundsPerDayAsync())[^1].Refunds;
        await Fixture.Get<RefundRunner>().RunOnceAsync();
        var days = await Dashboard.RefundsPerDayAsync();

        Assert.Equal(30, days.Count);
        Assert.Equal(refundsBefore + 3, days[^1].Refunds);
        Assert.True(days.Zip(days.Skip(1)).All(p => p.Second.Day == p.First.Day.AddDays(1)));
    }
}
