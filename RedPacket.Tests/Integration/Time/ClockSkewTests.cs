using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Domain.Packets.Events;
using RedPacket.Domain.Packets.Reconciling;
using RedPacket.Domain.Redis;
using RedPacket.Domain.Refunds;
using RedPacket.Tests.Support;
using RedPacket.Tests.Integration.Packets;

namespace RedPacket.Tests.Integration.Time;

/// <summary>The domain on an app clock a year away from the clocks of MariaDB and Redis (which keep real time).</summary>
public abstract class SkewedClockFixture(TimeSpan skew) : DomainFixture
{
    public RecordingEventSink Events { get; } = new();

    protected override TimeSpan ClockSkew => skew;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("RedPacket:Reconciler:MinAge", ReconcileRounds.ShortMinAge)];

    protected override void Configure(HostApplicationBuilder builder) => builder.Services.AddSingleton<IGroupEventSink>(Events);
}

public sealed class AppClockYearAheadFixture() : SkewedClockFixture(TimeSpan.FromDays(365));

public sealed class AppClockYearBehindFixture() : SkewedClockFixture(TimeSpan.FromDays(-365));

public sealed class AppClockYearAheadTests(AppClockYearAheadFixture fixture)
    : ClockSkewContract<AppClockYearAheadFixture>(fixture), IClassFixture<AppClockYearAheadFixture>;

public sealed class AppClockYearBehindTests(AppClockYearBehindFixture fixture)
    : ClockSkewContract<AppClockYearBehindFixture>(fixture), IClassFixture<AppClockYearBehindFixture>;

/// <summary>
/// The whole life of a packet with the app's clock far from Redis's and MySQL's: it must go exactly as with agreeing
/// clocks, because no decision compares one process's time with another's (docs/ARCHITECTURE.md, Time).
/// </summary>
public abstract class ClockSkewContract<TFixture>(TFixture fixture) : IntegrationTest<TFixture>(fixture) where TFixture : SkewedClockFixture
{
    private async Task<(string Sender, string[] Members, long Group)> GroupAsync(long senderCents)
    {
        var sender = await Driver.UserAsync("sender", senderCents);
        var members = new string[4];
        for (var i = 0; i < members.Length; i++) members[i] = await Driver.UserAsync($"m{i}");
        return (sender, members, await Driver.GroupAsync(sender, members));
    }

    private PacketKeys KeysOf(long packetId) => PacketKeys.For(Fixture.KeyPrefix, packetId);

    [Fact]
    public async Task Packet_SendGrabRepeatSoldOut_AsWithAgreeingClocks()
    {
        var (sender, m, group) = await GroupAsync(900);
        var packet = await Driver.SendAsync(sender, group, 900, 3);

        // The keys live for the packet's lifetime plus the grace, counted from now on Redis's clock.
        var ttl = (await Fixture.Redis.KeyTimeToLiveAsync(KeysOf(packet.PacketId).State))!.Value;
        Assert.InRange(ttl, TimeSpan.FromHours(26) - TimeSpan.FromMinutes(5), TimeSpan.FromHours(26));
        var first = await Driver.GrabAsync(packet.PacketId, m[0]);
        var again = await Driver.GrabAsync(packet.PacketId, m[0]);
        var second = await Driver.GrabAsync(packet.PacketId, m[1]);
        var third = await Driver.GrabAsync(packet.PacketId, m[2]);
        var late = await Fixture.Get<PacketGrabber>().GrabAsync(packet.PacketId, m[3]);

        Assert.Equal((GrabOutcome.Claimed, 2), (first.Outcome, first.RemainingCount));
        Assert.Equal((GrabOutcome.AlreadyClaimed, first.AmountCents), (again.Outcome, again.AmountCents));
        Assert.Equal((GrabOutcome.Claimed, 0), (third.Outcome, third.RemainingCount));
        Assert.Equal(RedPacket.Domain.Common.ErrorCodes.SoldOut, late.Refusal?.Code);
        Assert.Equal(900, first.AmountCents + second.AmountCents + third.AmountCents);
        Assert.Equal(PacketStatus.SoldOut, (await Driver.PacketAsync(packet.PacketId)).Status);
        // Published after the answers, by the batch that sold it out.
        await Eventually.TrueAsync(() => Fixture.Events.Published.Any(e => e is PacketSoldOut s && s.PacketId == packet.PacketId), "sold out told");
        // Stamped on the app's clock: the claims read back exactly as it wrote them.
        var shares = await Driver.SharesAsync(packet.PacketId);
        Assert.All(shares, s => Assert.Equal(Fixture.Clock.GetUtcNow(), s.ClaimedAt));
    }

    [Fact]
    public async Task Reconciler_AbandonedClaim_SettledOnceItIsOldOnRedissClock()
    {
        var (sender, m, group) = await GroupAsync(600);
        var packet = await Driver.SendAsync(sender, group, 600, 2);
        var popped = (await Fixture.Get<RedisPacketStore>().ClaimAsync(packet.PacketId, m[0])).Share!.Value;

        var young = await Fixture.Get<ClaimReconciler>().RunOnceAsync();
        var summary = await Fixture.Get<ClaimReconciler>().UntilAbandonedAsync();

        Assert.Equal(0, young.Abandoned); // a year of skew neither ages a fresh claim nor hides an old one
        Assert.Equal((1, 1), (summary.Abandoned, summary.Settled));
        Assert.Equal(popped.AmountCents, await Driver.BalanceAsync(m[0]));
    }

    [Fact]
    public async Task Expiry_RefundOnceAndNotEarly()
    {
        var (sender, m, group) = await GroupAsync(1_000);
        var packet = await Driver.SendAsync(sender, group, 1_000, 4);
        var first = await Driver.GrabAsync(packet.PacketId, m[0]);
        var runner = Fixture.Get<RefundRunner>();

        Fixture.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        var early = await runner.RunOnceAsync();
        var stillOpen = await Driver.GrabAsync(packet.PacketId, m[1]);
        Fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var late = await Fixture.Get<PacketGrabber>().GrabAsync(packet.PacketId, m[2]);
        var due = await runner.RunOnceAsync();
        var after = await runner.RunOnceAsync();

        Assert.Equal(0, early.Found);
        Assert.Equal(GrabOutcome.Claimed, stillOpen.Outcome);
        Assert.Equal(RedPacket.Domain.Common.ErrorCodes.Expired, late.Refusal?.Code);
        Assert.True(due.Refunded >= 1); // this packet, and any of the class's earlier tests left open
        Assert.Equal(PacketStatus.Refunded, (await Driver.PacketAsync(packet.PacketId)).Status);
        Assert.Equal(0, after.Found);
        var rest = 1_000 - first.AmountCents - stillOpen.AmountCents;
        Assert.Equal(rest, await Driver.BalanceAsync(sender));
        Assert.Single(await Driver.ReadAsync(db => db.Set<Refund>().Where(r => r.PacketId == packet.PacketId).ToListAsync()));
        await Eventually.TrueAsync(() => Fixture.Events.Published.Any(e => e is PacketRefunded r && r.PacketId == packet.PacketId), "refund told");
        Assert.Single(Fixture.Events.Published, e => e is PacketRefunded r && r.PacketId == packet.PacketId);
        // Closed in Redis for a while yet: a late tap is answered there, not rebuilt.
        Assert.Equal("closed", (string?)await Fixture.Redis.StringGetAsync(KeysOf(packet.PacketId).State));
    }
}
