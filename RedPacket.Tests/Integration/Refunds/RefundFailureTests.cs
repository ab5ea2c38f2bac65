using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Refunds;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Refunds;

/// <summary>A class (and so a database) of its own: it counts every refund of a run.</summary>
public sealed class RefundFailureTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private RefundRunner Runner => Fixture.Get<RefundRunner>();

    [Fact]
    public async Task Run_FailureMidRefund_RecordedRolledBackAndRetriedNextRun()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var group = await Driver.GroupAsync(alice);
        var packet = await Driver.SendAsync(alice, group, 1_000, 2);
        Fixture.Clock.Advance(TimeSpan.FromHours(24));
        Fixture.Faults.FailWhen(c => c.CommandText.Contains("UPDATE `accounts`"), times: 1);

        var failed = await Runner.RunOnceAsync();

        Assert.Equal(1, failed.Failed);
        Assert.Equal(0, await Driver.BalanceAsync(alice));
        Assert.Equal(PacketStatus.Open, (await Driver.PacketAsync(packet.PacketId)).Status);
        var failure = Assert.Single(await Driver.ReadAsync(db => db.Set<Refund>().Where(r => r.PacketId == packet.PacketId).ToListAsync()));
        Assert.Equal((RefundOutcome.Failed, 1), (failure.Outcome, failure.Attempt));
        Assert.Contains("Injected", failure.Error);

        var retried = await Runner.RunOnceAsync();

        Assert.Equal(1, retried.Refunded);
        Assert.Equal(1_000, await Driver.BalanceAsync(alice));
        var rows = await Driver.ReadAsync(db => db.Set<Refund>().Where(r => r.PacketId == packet.PacketId).OrderBy(r => r.Id).ToListAsync());
        Assert.Equal([(RefundOutcome.Failed, 1), (RefundOutcome.Succeeded, 2)], rows.Select(r => (r.Outcome, r.Attempt)));
    }
}
