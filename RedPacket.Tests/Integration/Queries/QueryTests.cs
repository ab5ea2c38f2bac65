using RedPacket.Domain.Audit;
using RedPacket.Domain.Common;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Queries;
using RedPacket.Domain.Refunds;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Queries;

public sealed class QueryTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private PacketQueries Packets => Fixture.Get<PacketQueries>();

    [Fact]
    public async Task Detail_WhileSharesRemain_ClaimsButNoLuckiestYet()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var bob = await Driver.UserAsync("bob");
        var carol = await Driver.UserAsync("carol");
        var group = await Driver.GroupAsync(alice, bob, carol);
        var packet = await Driver.SendAsync(alice, group, 1_000, 3);
        var b = await Driver.GrabAsync(packet.PacketId, bob);
        Fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var c = await Driver.GrabAsync(packet.PacketId, carol);

        var detail = await Packets.DetailAsync(packet.PacketId, alice);

        Assert.NotNull(detail);
        Assert.Equal(["bob", "carol"], detail.Claims.Select(x => x.UserName));
        Assert.Equal(b.AmountCents + c.AmountCents, detail.Claims.Sum(x => x.AmountCents));
        Assert.Null(detail.LuckiestUserId);
        Assert.DoesNotContain(detail.Claims, x => x.Luckiest);
        Assert.Equal(("alice", 1), (detail.SenderName, detail.RemainingCount));
    }

    [Fact]
    public async Task Detail_SoldOut_OneLuckiest()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var bob = await Driver.UserAsync("bob");
        var carol = await Driver.UserAsync("carol");
        var group = await Driver.GroupAsync(alice, bob, carol);
        var packet = await Driver.SendAsync(alice, group, 1_000, 2);
        var b = await Driver.GrabAsync(packet.PacketId, bob);
        Fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var c = await Driver.GrabAsync(packet.PacketId, carol);

        var detail = await Packets.DetailAsync(packet.PacketId, alice);

        Assert.Equal(b.AmountCents >= c.AmountCents ? bob : carol, detail!.LuckiestUserId);
        Assert.Equal(detail.LuckiestUserId, Assert.Single(detail.Claims, x => x.Luckiest).UserId);
    }

    [Fact]
    public async Task Detail_ExpiredWithClaimsBeforeTheRefund_OneLuckiest()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(alice, bob);
        var packet = await Driver.SendAsync(alice, group, 1_000, 3);
        await Driver.GrabAsync(packet.PacketId, bob);
        Assert.Null((await Packets.DetailAsync(packet.PacketId, alice))!.LuckiestUserId);

        Fixture.Clock.Advance(TimeSpan.FromHours(24));

        Assert.Equal(bob, (await Packets.DetailAsync(packet.PacketId, alice))!.LuckiestUserId);
    }

    [Fact]
    public async Task Detail_ForNonMember_Null()
    {
        var alice = await Driver.UserAsync("alice", 100);
        var eve = await Driver.UserAsync("eve");
        var group = await Driver.GroupAsync(alice);
        var packet = await Driver.SendAsync(alice, group, 100, 1);

        Assert.Null(await Packets.DetailAsync(packet.PacketId, eve));
    }

    [Fact]
    public void Luckiest_Tie_GoesToTheEarliest()
    {
        var t = DateTimeOffset.UnixEpoch;
        var luckiest = PacketQueries.Luckiest(PacketKind.Lucky,
            [("late", 50, t.AddSeconds(2), 3), ("early", 50, t.AddSeconds(1), 2), ("small", 10, t, 1)]);

        Assert.Equal("early", luckiest);
        Assert.Null(PacketQueries.Luckiest(PacketKind.Fixed, [("a", 50, t, 1)]));
    }

    [Fact]
    public async Task SentAndReceived_ListMyPacketsNewestFirst()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(alice, bob);
        var first = await Driver.SendAsync(alice, group, 100, 1);
        var second = await Driver.SendAsync(alice, group, 200, 2);
        var got = await Driver.GrabAsync(second.PacketId, bob);

        var sent = await Packets.SentByAsync(alice, new PageRequest(1, 10));
        var received = await Packets.ReceivedByAsync(bob, new PageRequest(1, 10));

        Assert.Equal([second.PacketId, first.PacketId], sent.Items.Select(p => p.PacketId));
        Assert.Equal(2, sent.TotalCount);
        var row = Assert.Single(received.Items);
        Assert.Equal((second.PacketId, got.AmountCents), (row.PacketId, row.AmountCents));
    }

    [Fact]
    public async Task Audit_AfterMoves_FiguresBalance()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var bob = await Driver.UserAsync("bob", 500);
        var group = await Driver.GroupAsync(alice, bob);
        var packet = await Driver.SendAsync(alice, group, 600, 3);
        await Driver.GrabAsync(packet.PacketId, bob);

        var report = await Fixture.Get<BookAudit>().RunAsync();

        Assert.True(report.Consistent, string.Join("; ", report.Problems));
        Assert.Equal(report.MintedCents, report.BalancesCents + report.EscrowCents);
        Assert.True(report.EscrowCents > 0);
    }
}
