using RedPacket.Domain.Common;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Tests.Support;
using StackExchange.Redis;

namespace RedPacket.Tests.Integration.Packets;

/// <summary>Late taps on a sold-out packet are answered from the node's memory for a second, with no Redis round trip.</summary>
public sealed class SoldOutMemoTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private SoldOutMemo Memo => Fixture.Get<SoldOutMemo>();

    /// <summary>Claim scripts this test's app ran (its own meter: other classes and background work do not count).</summary>
    private static int Claims(MetricsRecorder metrics) => metrics.Count("redpacket.redis.script.duration", "script", "claim");

    [Fact]
    public async Task Grab_AfterTheSoldOut_LateTapsAndSettledRepeatsFromMemoryUntilItExpires()
    {
        var sender = await Driver.UserAsync("sender", 300);
        var (bob, carol, dave) = (await Driver.UserAsync("bob"), await Driver.UserAsync("carol"), await Driver.UserAsync("dave"));
        var group = await Driver.GroupAsync(sender, bob, carol, dave);
        var packet = await Driver.SendAsync(sender, group, 300, 2);
        var bobs = await Driver.GrabAsync(packet.PacketId, bob);
        await Driver.GrabAsync(packet.PacketId, carol);
        await Eventually.TrueAsync(() => Fixture.Redis.SetLengthAsync($"{Fixture.KeyPrefix}rp:{{{packet.PacketId}}}:settled")
            .ContinueWith(t => t.Result == 2), "both claims marked settled");

        // The first late tap hears "sold out" from Redis, and the node loads the packet's claims.
        Assert.Equal(ErrorCodes.SoldOut, await Driver.RefusedAsync(packet.PacketId, dave));
        await Eventually.TrueAsync(() => Memo.TryAnswer(packet.PacketId, dave) is not null, "the memo loaded");

        using var metrics = new MetricsRecorder(Fixture);
        Assert.Equal(ErrorCodes.SoldOut, await Driver.RefusedAsync(packet.PacketId, dave));
        var again = await Driver.GrabAsync(packet.PacketId, bob);
        Assert.Equal(0, Claims(metrics));
        Assert.Equal((GrabOutcome.AlreadyClaimed, bobs.AmountCents), (again.Outcome, again.AmountCents));

        // Past its lifetime (on the node's clock, moved here) the memo is gone and Redis answers again.
        Fixture.Clock.Advance(TimeSpan.FromSeconds(1.1));
        Assert.Null(Memo.TryAnswer(packet.PacketId, dave));
        await Driver.RefusedAsync(packet.PacketId, dave);
        Assert.Equal(1, Claims(metrics));
    }

    [Fact]
    public async Task Memo_AClaimStillSettling_LeftToRedis()
    {
        var sender = await Driver.UserAsync("sender", 100);
        var (bob, carol) = (await Driver.UserAsync("bob"), await Driver.UserAsync("carol"));
        var group = await Driver.GroupAsync(sender, bob, carol);
        var packet = await Driver.SendAsync(sender, group, 100, 1);
        // Popped, not settled (its node died): the memo must not answer for it.
        await Fixture.Get<RedisPacketStore>().ClaimAsync(packet.PacketId, bob);
        await Driver.RefusedAsync(packet.PacketId, carol);
        await Eventually.TrueAsync(() => Memo.TryAnswer(packet.PacketId, carol) is not null, "the memo loaded");

        Assert.Null(Memo.TryAnswer(packet.PacketId, bob));
        var bobs = await Driver.GrabAsync(packet.PacketId, bob);

        Assert.Equal((GrabOutcome.AlreadyClaimed, 100L), (bobs.Outcome, bobs.AmountCents));
        Assert.Equal(100, await Driver.BalanceAsync(bob));
    }

    [Fact]
    public async Task Memo_NobodyTapsAgain_FreedByTheTimer()
    {
        var sender = await Driver.UserAsync("sender", 300);
        var (bob, carol) = (await Driver.UserAsync("bob"), await Driver.UserAsync("carol"));
        var group = await Driver.GroupAsync(sender, bob, carol);
        var packets = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var packet = await Driver.SendAsync(sender, group, 100, 1);
            await Driver.GrabAsync(packet.PacketId, bob);
            await Driver.RefusedAsync(packet.PacketId, carol);
            packets.Add(packet.PacketId);
        }
        await Eventually.TrueAsync(() => packets.All(p => Memo.TryAnswer(p, carol) is not null), "the memo holds all three");
        var held = Memo.Count;

        Fixture.Clock.Advance(TimeSpan.FromSeconds(1.1)); // fires the sweep timer: nobody taps these packets again

        Assert.True(held >= 3);
        await Eventually.TrueAsync(() => Memo.Count <= held - 3, "the sweep freed the expired entries");
    }
}
