using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Refunds;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Refunds;

/// <summary>A class (and so a database) of its own: it counts every refund of a run.</summary>
public sealed class RefundOverlapTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private RefundRunner Runner => Fixture.Get<RefundRunner>();

    [Fact]
    public async Task Run_TwoRunsOverlapping_EachPacketRefundedExactlyOnce()
    {
        var alice = await Driver.UserAsync("alice", 20_000);
        var group = await Driver.GroupAsync(alice);
        var packets = new List<long>();
        for (var i = 0; i < 12; i++) packets.Add((await Driver.SendAsync(alice, group, 1_000, 3)).PacketId);

        Fixture.Clock.Advance(TimeSpan.FromHours(25));
        var runs = await Concurrency.RunConcurrent(2, _ => Runner.RunOnceAsync());

        Assert.All(runs, r => Assert.True(r.Succeeded, r.Error?.ToString()));
        Assert.Equal(12, runs.Sum(r => r.Value!.Refunded));
        Assert.Equal(20_000, await Driver.BalanceAsync(alice));
        var rows = await Driver.ReadAsync(db => db.Set<Refund>().Where(r => packets.Contains(r.PacketId)).ToListAsync());
        Assert.Equal(12, rows.Count(r => r.Outcome == RefundOutcome.Succeeded));
    }
}
