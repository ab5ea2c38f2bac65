using RedPacket.Domain.Common;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Domain.Packets.Queries;
using RedPacket.Domain.Persistence;
using RedPacket.Domain.Refunds;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Queries;

/// <summary>
/// With <c>ConnectionStrings:MySqlReplica</c> set (a second database here), the record listings, the packet detail and
/// the refund history read the replica; balances, grabs and sends stay on the primary.
/// </summary>
public sealed class ReadReplicaTests(ReadReplicaFixture fixture) : IntegrationTest<ReadReplicaFixture>(fixture),
    IClassFixture<ReadReplicaFixture>
{
    private PacketQueries Queries => Fixture.Get<PacketQueries>();
    private static readonly PageRequest FirstPage = new(1, 50);

    [Fact]
    public async Task Records_ReplicaDiffers_ListingsAndDetailShowTheReplica()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(alice, bob);
        var packet = (await Driver.SendAsync(alice, group, 300, 2, greeting: "primary")).PacketId;
        await Driver.GrabAsync(packet, bob);
        await Fixture.ReplicateAsync();
        // Only the replica says so: whatever shows it was read there.
        await Fixture.OnReplicaAsync($"UPDATE red_packets SET Greeting = 'replica' WHERE Id = {packet}");
        var late = (await Driver.SendAsync(alice, group, 100, 1)).PacketId; // on the primary, not replicated yet

        var sent = await Queries.SentByAsync(alice, FirstPage);
        var received = await Queries.ReceivedByAsync(bob, FirstPage);
        var detail = await Queries.DetailAsync(packet, bob);
        var adminDetail = await Queries.DetailForAdminAsync(packet);

        Assert.Equal([(packet, "replica")], sent.Items.Select(r => (r.PacketId, r.Greeting)));
        Assert.DoesNotContain(sent.Items, r => r.PacketId == late);
        Assert.Equal("replica", Assert.Single(received.Items).Greeting);
        Assert.Equal(("replica", 1), (detail!.Greeting, detail.Claims.Count));
        Assert.Equal("replica", adminDetail!.Greeting);
        // Not on the replica yet: the primary answers, so the Location of a 201 never reads as 404.
        var fresh = await Queries.DetailAsync(late, bob);
        var freshForAdmin = await Queries.DetailForAdminAsync(late);
        Assert.Equal((late, 1, late), (fresh!.PacketId, fresh.ShareCount, freshForAdmin!.PacketId));
        Assert.Null(await Queries.DetailAsync(99_999_999, bob)); // unknown on both
    }

    [Fact]
    public async Task RefundHistory_ReplicaDiffers_ShowsTheReplica()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var group = await Driver.GroupAsync(alice);
        var packet = (await Driver.SendAsync(alice, group, 200, 1)).PacketId;
        Fixture.Clock.Advance(TimeSpan.FromHours(25));
        await Fixture.Get<RefundRunner>().RunOnceAsync();
        var from = Fixture.Clock.GetUtcNow().AddHours(-1);
        var before = await Fixture.Get<RefundQueries>().HistoryAsync(new RefundFilter(from), FirstPage);
        Assert.DoesNotContain(before.Page.Items, r => r.PacketId == packet); // refunded on the primary only
        await Fixture.ReplicateAsync();
        await Fixture.OnReplicaAsync($"UPDATE refunds SET AmountCents = 7 WHERE PacketId = {packet}");

        var after = await Fixture.Get<RefundQueries>().HistoryAsync(new RefundFilter(from), FirstPage);

        Assert.Equal(7, Assert.Single(after.Page.Items, r => r.PacketId == packet).AmountCents);
    }

    [Fact]
    public async Task MoneyMoves_ReplicaBehind_BalancesGrabsAndSendsUseThePrimary()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(alice, bob);
        await Fixture.ReplicateAsync();
        await Fixture.OnReplicaAsync($"UPDATE accounts SET BalanceCents = 0 WHERE UserId = '{alice}'");

        var packet = (await Driver.SendAsync(alice, group, 400, 1)).PacketId; // the replica says she has nothing
        var grab = await Driver.GrabAsync(packet, bob); // the packet is not on the replica at all

        Assert.Equal((GrabOutcome.Claimed, 400L), (grab.Outcome, grab.AmountCents));
        Assert.Equal((600L, 400L), (await Driver.BalanceAsync(alice), await Driver.BalanceAsync(bob)));
        Assert.True(Fixture.Get<ReplicaDbContextFactory>().UsesReplica);
    }

    [Fact]
    public async Task SaveChanges_OnTheReplica_Refused()
    {
        await using var db = await Fixture.Get<ReplicaDbContextFactory>().CreateDbContextAsync();
        db.Add(new RedPacket.Domain.Accounts.Account("x-" + Guid.NewGuid().ToString("N")[..8], "x", Fixture.Clock.GetUtcNow()));

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }
}

/// <summary>Without <c>ConnectionStrings:MySqlReplica</c> the same reads go to the primary: nothing lags.</summary>
public sealed class NoReplicaTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    [Fact]
    public async Task Records_NoReplica_ReadThePrimaryAtOnce()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(alice, bob);
        var packet = (await Driver.SendAsync(alice, group, 300, 1)).PacketId;
        await Driver.GrabAsync(packet, bob);
        var queries = Fixture.Get<PacketQueries>();

        Assert.False(Fixture.Get<ReplicaDbContextFactory>().UsesReplica);
        Assert.Equal(packet, Assert.Single((await queries.SentByAsync(alice, new PageRequest(1, 10))).Items).PacketId);
        Assert.Single((await queries.ReceivedByAsync(bob, new PageRequest(1, 10))).Items);
        Assert.Single((await queries.DetailAsync(packet, bob))!.Claims);
    }
}
