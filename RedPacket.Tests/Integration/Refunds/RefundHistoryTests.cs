using RedPacket.Domain.Common;
using RedPacket.Domain.Refunds;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Refunds;

/// <summary>A class (and so a database) of its own: it counts every row of the history.</summary>
public sealed class RefundHistoryTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    [Fact]
    public async Task RefundHistory_FilterByDateAndOutcome_Paged()
    {
        var alice = await Driver.UserAsync("alice", 10_000);
        var group = await Driver.GroupAsync(alice);
        for (var i = 0; i < 5; i++) await Driver.SendAsync(alice, group, 100, 1);
        Fixture.Clock.Advance(TimeSpan.FromHours(24));
        var firstRunAt = Fixture.Clock.GetUtcNow();
        await Fixture.Get<RefundRunner>().RunOnceAsync();
        for (var i = 0; i < 2; i++) await Driver.SendAsync(alice, group, 300, 1);
        Fixture.Clock.Advance(TimeSpan.FromHours(48));
        await Fixture.Get<RefundRunner>().RunOnceAsync();
        var history = Fixture.Get<RefundQueries>();

        var all = await history.HistoryAsync(new RefundFilter(From: firstRunAt), new PageRequest(1, 3));
        var page2 = await history.HistoryAsync(new RefundFilter(From: firstRunAt), new PageRequest(2, 3));
        var firstDay = await history.HistoryAsync(new RefundFilter(firstRunAt, firstRunAt.AddHours(1)), new PageRequest(1, 10));
        var failures = await history.HistoryAsync(new RefundFilter(firstRunAt, Outcome: RefundOutcome.Failed), new PageRequest(1, 10));

        Assert.Equal((7L, 3, 1100L, 7L), (all.Page.TotalCount, all.Page.Items.Count, all.TotalRefundedCents, all.SucceededCount));
        Assert.Equal(3, page2.Page.Items.Count);
        Assert.Empty(all.Page.Items.Select(r => r.Id).Intersect(page2.Page.Items.Select(r => r.Id)));
        Assert.Equal((5L, 500L), (firstDay.Page.TotalCount, firstDay.TotalRefundedCents));
        Assert.Equal(0, failures.Page.TotalCount);
    }}

