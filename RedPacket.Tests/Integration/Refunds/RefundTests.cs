using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Domain.Refunds;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Refunds;

public sealed class RefundTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private RefundRunner Runner => Fixture.Get<RefundRunner>();

    [Fact]
    public async Task Run_ExpiredPacketWithShares_RestGoesBackToSenderOnce()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(alice, bob);
        var packet = await Driver.SendAsync(alice, group, 1_000, 4);
        var bobs = await Driver.GrabAsync(packet.PacketId, bob);

        Fixture.Clock.Advance(TimeSpan.FromHours(24));
        var run = await Runner.RunOnceAsync();

        Assert.True(run.Refunded >= 1);
        Assert.Equal(1_000 - bobs.AmountCents, await Driver.BalanceAsync(alice));
        var stored = await Driver.PacketAsync(packet.PacketId);
        Assert.Equal((PacketStatus.Refunded, 0L, 1_000 - bobs.AmountCents), (stored.Status, stored.RemainingCents, stored.RefundedCents));
        var shares = await Driver.SharesAsync(packet.PacketId);
        Assert.Equal(3, shares.Count(s => s.Status == ShareStatus.Refunded));
        var row = Assert.Single(await Driver.ReadAsync(db => db.Set<Refund>().Where(r => r.PacketId == packet.PacketId).ToListAsync()));
        Assert.Equal((RefundOutcome.Succeeded, 1_000 - bobs.AmountCents, 3, 1, run.JobRunId), (row.Outcome, row.AmountCents, row.Shares, row.Attempt, row.JobRunId));

        await Runner.RunOnceAsync();
        Assert.Equal(1_000 - bobs.AmountCents, await Driver.BalanceAsync(alice));
        Assert.Single(await Driver.ReadAsync(db => db.Set<Refund>().Where(r => r.PacketId == packet.PacketId).ToListAsync()));
    }

    [Fact]
    public async Task Run_BeforeExpiry_RefundsNothing()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var group = await Driver.GroupAsync(alice);
        var packet = await Driver.SendAsync(alice, group, 1_000, 4);

        Fixture.Clock.Advance(TimeSpan.FromHours(23.9));
        await Runner.RunOnceAsync();

        Assert.Equal(PacketStatus.Open, (await Driver.PacketAsync(packet.PacketId)).Status);
        Assert.Equal(0, await Driver.BalanceAsync(alice));
    }

    [Fact]
    public async Task Run_ClaimInRedisNeverSettled_SettledForTheUserBeforeTheRefund()
    {
        var alice = await Driver.UserAsync("alice", 900);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(alice, bob);
        var packet = await Driver.SendAsync(alice, group, 900, 3);
        // The grab's process died after Redis handed out the share and before MySQL heard of it.
        var reply = await Fixture.Get<RedisPacketStore>().ClaimAsync(packet.PacketId, bob);
        Assert.Equal(ClaimReplyKind.Claimed, reply.Kind);

        Fixture.Clock.Advance(TimeSpan.FromHours(24));
        var run = await Runner.RunOnceAsync();

        Assert.True(run.Refunded >= 1);
        Assert.Equal(reply.Share!.Value.AmountCents, await Driver.BalanceAsync(bob));
        Assert.Equal(900 - reply.Share.Value.AmountCents, await Driver.BalanceAsync(alice));
        var row = Assert.Single(await Driver.ReadAsync(db => db.Set<Refund>().Where(r => r.PacketId == packet.PacketId).ToListAsync()));
        Assert.Equal((1, 2), (row.SettledClaims, row.Shares));
    }
}
