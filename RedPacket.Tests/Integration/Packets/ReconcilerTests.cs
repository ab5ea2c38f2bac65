using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Domain.Packets.Events;
using RedPacket.Domain.Packets.Reconciling;
using RedPacket.Domain.Redis;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Packets;

/// <summary>Keeps the group events the domain publishes, so a test can see what live clients would be told.</summary>
public sealed class RecordingEventSink : IGroupEventSink
{
    public System.Collections.Concurrent.ConcurrentQueue<GroupEvent> Published { get; } = new();

    public Task PublishAsync(GroupEvent e, CancellationToken ct = default)
    {
        Published.Enqueue(e);
        return Task.CompletedTask;
    }
}

public sealed class ReconcilerFixture : DomainFixture
{
    public RecordingEventSink Events { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("RedPacket:Reconciler:MinAge", ReconcileRounds.ShortMinAge)];

    protected override void Configure(HostApplicationBuilder builder) => builder.Services.AddSingleton<IGroupEventSink>(Events);
}

public sealed class ReconcilerTests(ReconcilerFixture fixture) : IntegrationTest<ReconcilerFixture>(fixture), IClassFixture<ReconcilerFixture>
{
    private ClaimReconciler Reconciler => Fixture.Get<ClaimReconciler>();

    private async Task<(string Bob, SentPacketIds Packet)> PacketWithBobAsync()
    {
        var sender = await Driver.UserAsync("sender", 900);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(sender, bob);
        var packet = await Driver.SendAsync(sender, group, 900, 3);
        return (bob, new SentPacketIds(packet.PacketId, group));
    }

    public sealed record SentPacketIds(long PacketId, long GroupId);

    private PacketKeys Keys(long packetId) => PacketKeys.For(Fixture.KeyPrefix, packetId);

    private Task SettledMarkAsync(long packetId, string user) =>
        Eventually.TrueAsync(() => Fixture.Redis.SetContainsAsync(Keys(packetId).Settled, user), "the claim marked settled");

    /// <summary>Redis says <paramref name="user"/> popped <paramref name="share"/> and its settle never finished (its node died).</summary>
    private async Task AbandonedClaimInRedisAsync(long packetId, string user, ShareToken share)
    {
        var keys = Keys(packetId);
        await Fixture.Redis.ListRemoveAsync(keys.Shares, share.ToString());
        await Fixture.Redis.HashSetAsync(keys.Claims, user, share.ToString());
        await Fixture.Redis.SetRemoveAsync(keys.Settled, user);
        await Fixture.Redis.SortedSetAddAsync(keys.Pending, user, 0); // popped long ago
    }

    [Fact]
    public async Task Reconcile_RedisHandedAPaidUserASecondShare_RepairedToMySqlsShareAndTheOtherGoesBack()
    {
        var (bob, packet) = await PacketWithBobAsync();
        var paid = await Driver.GrabAsync(packet.PacketId, bob);
        await SettledMarkAsync(packet.PacketId, bob);
        var mine = Assert.Single(await Driver.SharesAsync(packet.PacketId), s => s.ReceiverUserId == bob);
        var other = (await Driver.SharesAsync(packet.PacketId)).First(s => s.ReceiverUserId is null);
        var second = new ShareToken(other.Seq, other.AmountCents);
        await AbandonedClaimInRedisAsync(packet.PacketId, bob, second); // as after a rebuild that lost bob's claim

        var summary = await Reconciler.RunOnceAsync();

        Assert.Equal((1, 1, 0), (summary.Abandoned, summary.Repaired, summary.Settled));
        Assert.Equal(paid.AmountCents, await Driver.BalanceAsync(bob));
        Assert.Equal(new ShareToken(mine.Seq, mine.AmountCents).ToString(), (string?)await Fixture.Redis.HashGetAsync(Keys(packet.PacketId).Claims, bob));
        Assert.Contains(second.ToString(), (await Fixture.Redis.ListRangeAsync(Keys(packet.PacketId).Shares)).Select(v => (string?)v));
        Assert.Empty(await Fixture.Get<RedisPacketStore>().StaleClaimsAsync(packet.PacketId, TimeSpan.Zero));
    }

    [Fact]
    public async Task Reconcile_AbandonedClaimOnAShareMySqlPaidToSomeoneElse_ForgottenAndNobodyPaidTwice()
    {
        var (bob, packet) = await PacketWithBobAsync();
        var carol = await Driver.UserAsync("carol");
        await Fixture.Get<RedPacket.Domain.Groups.GroupService>().JoinAsync(packet.GroupId, carol,
            (await Driver.ReadAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.Set<RedPacket.Domain.Groups.Group>(), g => g.Id == packet.GroupId))).InviteCode);
        var carols = await Driver.GrabAsync(packet.PacketId, carol);
        await SettledMarkAsync(packet.PacketId, carol);
        var share = Assert.Single(await Driver.SharesAsync(packet.PacketId), s => s.ReceiverUserId == carol);
        await AbandonedClaimInRedisAsync(packet.PacketId, bob, new ShareToken(share.Seq, share.AmountCents));

        var summary = await Reconciler.RunOnceAsync();

        Assert.Equal((1, 1, 0), (summary.Abandoned, summary.Forgotten, summary.Settled));
        Assert.Equal((0L, carols.AmountCents), (await Driver.BalanceAsync(bob), await Driver.BalanceAsync(carol)));
        Assert.False(await Fixture.Redis.HashExistsAsync(Keys(packet.PacketId).Claims, bob));
        Assert.Equal(0, (await Reconciler.RunOnceAsync()).Abandoned);
    }

    [Fact]
    public async Task Reconcile_OnePacketsClaimsUnreadable_TheOthersStillSettled()
    {
        var (bob, broken) = await PacketWithBobAsync();
        var (carol, healthy) = await PacketWithBobAsync();
        // A malformed share string in one packet's claims (a bad deploy, a hand edit): reading it throws.
        await Fixture.Redis.HashSetAsync(Keys(broken.PacketId).Claims, bob, "not-a-share");
        await Fixture.Redis.SortedSetAddAsync(Keys(broken.PacketId).Pending, bob, 0);
        var popped = (await Fixture.Get<RedisPacketStore>().ClaimAsync(healthy.PacketId, carol)).Share!.Value;

        var summary = await Reconciler.UntilAbandonedAsync();

        Assert.Equal(1, summary.Settled);
        Assert.True(summary.Failed >= 1, "the unreadable packet counted as failed in every round");
        Assert.Equal(popped.AmountCents, await Driver.BalanceAsync(carol));
    }

    [Fact]
    public async Task Reconcile_ClaimAbandonedRightAfterThePop_SettledWithoutATapAndTheUserIsTold()
    {
        var (bob, packet) = await PacketWithBobAsync();
        // The grab's node died right after the claim script popped the share for bob.
        var popped = (await Fixture.Get<RedisPacketStore>().ClaimAsync(packet.PacketId, bob)).Share!.Value;

        var summary = await Reconciler.UntilAbandonedAsync();

        Assert.Equal((1, 1), (summary.Abandoned, summary.Settled));
        Assert.Equal(popped.AmountCents, await Driver.BalanceAsync(bob));
        var share = Assert.Single(await Driver.SharesAsync(packet.PacketId), s => s.ReceiverUserId == bob);
        Assert.Equal(ShareStatus.Claimed, share.Status);
        // Told, and marked settled, just after the settle answered.
        await Eventually.TrueAsync(() => Fixture.Events.Published.Any(e => e is PacketClaimed c && c.UserId == bob && c.AmountCents == popped.AmountCents),
            "bob told of the claim");
        await SettledMarkAsync(packet.PacketId, bob);
        // Settled for good: the next round finds nothing, and a tap is answered by Redis.
        Assert.Equal(0, (await Reconciler.RunOnceAsync()).Abandoned);
        var again = await Driver.GrabAsync(packet.PacketId, bob);
        Assert.Equal((GrabOutcome.AlreadyClaimed, popped.AmountCents), (again.Outcome, again.AmountCents));
    }

    [Fact]
    public async Task Reconcile_ClaimYoungerThanTheMinimumAge_LeftToItsNode()
    {
        var (bob, packet) = await PacketWithBobAsync();
        await Fixture.Get<RedisPacketStore>().ClaimAsync(packet.PacketId, bob);
        Fixture.Clock.Advance(TimeSpan.FromMinutes(5)); // the app's clock does not age a claim: Redis's does

        var summary = await Reconciler.RunOnceAsync();

        Assert.Equal(0, summary.Abandoned);
        Assert.Equal(0, await Driver.BalanceAsync(bob));
        Assert.Equal(1, (await Reconciler.UntilAbandonedAsync()).Settled);
    }

    [Fact]
    public async Task Reconcile_ClaimsThatSettledNormally_NothingToDo()
    {
        var (bob, packet) = await PacketWithBobAsync();
        var got = await Driver.GrabAsync(packet.PacketId, bob);
        await SettledMarkAsync(packet.PacketId, bob); // written just after the answer

        var summary = await Reconciler.RunOnceAsync();

        Assert.Equal(0, summary.Abandoned);
        Assert.Empty(await Fixture.Get<RedisPacketStore>().StaleClaimsAsync(packet.PacketId, TimeSpan.Zero)); // of any age
        Assert.Equal(got.AmountCents, await Driver.BalanceAsync(bob));
    }

    [Fact]
    public async Task Reconcile_AbandonedClaimTheUserSettledByTappingAgain_NothingLeftToDo()
    {
        var (bob, packet) = await PacketWithBobAsync();
        var popped = (await Fixture.Get<RedisPacketStore>().ClaimAsync(packet.PacketId, bob)).Share!.Value;
        // Meanwhile bob tapped on a healthy node and got paid: the claim is settled there.
        var paid = await Driver.GrabAsync(packet.PacketId, bob);
        Assert.Equal(popped.AmountCents, paid.AmountCents);
        await SettledMarkAsync(packet.PacketId, bob);

        var summary = await Reconciler.RunOnceAsync();

        Assert.Equal(0, summary.Abandoned);
        Assert.Empty(await Fixture.Get<RedisPacketStore>().StaleClaimsAsync(packet.PacketId, TimeSpan.Zero));
        Assert.Equal(paid.AmountCents, await Driver.BalanceAsync(bob));
    }
}

public sealed class RefundOfLateClaimsTests(ReconcilerFixture fixture) : IntegrationTest<ReconcilerFixture>(fixture), IClassFixture<ReconcilerFixture>
{
    [Fact]
    public async Task Refund_ALateClaimTookTheLastShare_ToldAsSoldOutNotAsRefunded()
    {
        var sender = await Driver.UserAsync("sender", 100);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(sender, bob);
        var packet = await Driver.SendAsync(sender, group, 100, 1);
        await Fixture.Get<RedPacket.Domain.Packets.Claiming.RedisPacketStore>().ClaimAsync(packet.PacketId, bob);
        Fixture.Clock.Advance(TimeSpan.FromHours(25));

        await Fixture.Get<RedPacket.Domain.Refunds.RefundRunner>().RunOnceAsync();

        Assert.Equal(100, await Driver.BalanceAsync(bob));
        Assert.Equal(PacketStatus.SoldOut, (await Driver.PacketAsync(packet.PacketId)).Status);
        var told = Fixture.Events.Published.Where(e => e is PacketEvent p && p.PacketId == packet.PacketId).ToList();
        Assert.Contains(told, e => e is PacketSoldOut);
        Assert.DoesNotContain(told, e => e is PacketRefunded);
        // The claim the refund settled is news like a tap's: bob's balance moved, and the sender hears who opened it.
        Assert.Contains(told, e => e is PacketClaimed c && c.UserId == bob && c.AmountCents == 100);
        Assert.Contains(told, e => e is PacketOpened o && o.ClaimerUserId == bob && o.AmountCents == 100);
    }
}

/// <summary>The service runs the reconciler on the app's clock; its own fixture, since it runs for the whole class.</summary>
public sealed class ReconcilerServiceFixture : DomainFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("RedPacket:Reconciler:MinAge", ReconcileRounds.ShortMinAge)];
}

public sealed class ReconcilerServiceTests(ReconcilerServiceFixture fixture)
    : IntegrationTest<ReconcilerServiceFixture>(fixture), IClassFixture<ReconcilerServiceFixture>
{
    [Fact]
    public async Task Service_ClaimAbandoned_SettledWithinAMinuteOfTheAppsClock()
    {
        await Fixture.StartHostAsync();
        var sender = await Driver.UserAsync("sender", 500);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(sender, bob);
        var packet = await Driver.SendAsync(sender, group, 500, 2);
        var popped = (await Fixture.Get<RedisPacketStore>().ClaimAsync(packet.PacketId, bob)).Share!.Value;

        // The service's rounds follow the app's clock (moved here a tick at a time); the claim's age follows Redis's.
        await Eventually.TrueAsync(async () =>
        {
            Fixture.Clock.Advance(TimeSpan.FromSeconds(1));
            return await Driver.BalanceAsync(bob) == popped.AmountCents;
        }, "bob paid by the reconciler", TimeSpan.FromSeconds(30));
    }
}
