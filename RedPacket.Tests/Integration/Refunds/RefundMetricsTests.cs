using RedPacket.Domain.Refunds;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Refunds;

/// <summary>A class (and so a database) of its own: it counts every refund of a run.</summary>
public sealed class RefundMetricsTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    [Fact]
    public async Task RunOnce_OneRefundedOneFailed_CountedByResultAndRunTimed()
    {
        var alice = await Driver.UserAsync("alice", 2_000);
        var group = await Driver.GroupAsync(alice);
        await Driver.SendAsync(alice, group, 1_000, 2);
        await Driver.SendAsync(alice, group, 1_000, 2);
        Fixture.Clock.Advance(TimeSpan.FromHours(24));
        // The first refund to credit the sender fails; the other goes through.
        Fixture.Faults.FailWhen(c => c.CommandText.Contains("UPDATE `accounts`"), times: 1);
        using var metrics = new MetricsRecorder(Fixture);

        var run = await Fixture.Get<RefundRunner>().RunOnceAsync();

        Assert.Equal((1, 1, 0), (run.Refunded, run.Failed, run.NothingToDo));
        Assert.Equal(1, metrics.Sum("redpacket.refunds", "result", "refunded"));
        Assert.Equal(1, metrics.Sum("redpacket.refunds", "result", "failed"));
        // Zero is still reported, so the series exists from the first run on.
        Assert.Equal((1, 0L), (metrics.Count("redpacket.refunds", "result", "nothing_to_do"), metrics.Sum("redpacket.refunds", "result", "nothing_to_do")));
        Assert.Equal(1, metrics.Count("redpacket.refund.run.duration"));
        Assert.InRange(metrics.Values("redpacket.refund.run.duration").Single(), 0, 60);
    }
}
