using RedPacket.Domain.Common;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Tests.Integration.Infrastructure;
using StackExchange.Redis;

namespace RedPacket.Tests.Integration.Packets;

/// <summary>Late taps on a sold-out packet are answered from the node's memory for a second, with no Redis round trip.</summary>
public sealed class SoldOutMemoTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private SoldOutMemo Memo => Fixture.Get<SoldOutMemo>();
    private long RedisOperations => Fixture.Get<IConnectionMultiplexer>().OperationCount;

    [Fact]
    public async Task Grab_AfterTheSoldOut_LateTapsAndSettledRepeatsFromMemoryUntilItExpires()
    {
        var sender = await World.UserAsync("sender", 300);
        var (bob, carol, dave) = (await World.UserAsync("bob"), await World.UserAsync("carol"), await World.UserAsync("dave"));
        var group = await World.GroupAsync(sender, bob, carol, dave);
        var packet = await World.SendAsync(sender, group, 300, 2);
        var bobs = await World.GrabAsync(packet.PacketId, bob);
        await World.GrabAsync(packet.PacketId, carol);
        await Eventually.TrueAsync(() => Fixture.Redis.SetLengthAsync($"{Fixture.KeyPrefix}rp:{{{packet.PacketId}}}:settled")
            .ContinueWith(t => t.Result == 2), "both claims marked settled");

        // The first late tap hears "sold out" from Redis, and the node loads the packet's claims.
        Assert.Equal(ErrorCodes.SoldOut, (await Assert.ThrowsAsync<DomainException>(() => World.GrabAsync(packet.PacketId, dave))).Code);
        await Eventually.TrueAsync(() => Memo.TryAnswer(packet.PacketId, dave) is not null, "the memo loaded");

        var before = RedisOperations;
        Assert.Equal(ErrorCodes.SoldOut, (await Assert.ThrowsAsync<DomainException>(() => World.GrabAsync(packet.PacketId, dave))).Code);
        var again = await World.GrabAsync(packet.PacketId, bob);
        Assert.Equal(before, RedisOperations);
        Assert.Equal((GrabOutcome.AlreadyClaimed, bobs.AmountCents), (again.Outcome, again.AmountCents));

        // A second later the memo is gone and Redis answers again.
        await Eventually.TrueAsync(() => Memo.TryAnswer(packet.PacketId, dave) is null, "the memo expired", TimeSpan.FromSeconds(5));
        before = RedisOperations;
        await Assert.ThrowsAsync<DomainException>(() => World.GrabAsync(packet.PacketId, dave));
        Assert.True(RedisOperations > before);
    }

    [Fact]
    public async Task Memo_AClaimStillSettling_LeftToRedis()
    {
        var sender = await World.UserAsync("sender", 100);
        var (bob, carol) = (await World.UserAsync("bob"), await World.UserAsync("carol"));
        var group = await World.GroupAsync(sender, bob, carol);
        var packet = await World.SendAsync(sender, group, 100, 1);
        // Popped, not settled (its node died): the memo must not answer for it.
        await Fixture.Get<RedisPacketStore>().ClaimAsync(packet.PacketId, bob);
        await Assert.ThrowsAsync<DomainException>(() => World.GrabAsync(packet.PacketId, carol));
        await Eventually.TrueAsync(() => Memo.TryAnswer(packet.PacketId, carol) is not null, "the memo loaded");

        Assert.Null(Memo.TryAnswer(packet.PacketId, bob));
        var bobs = await World.GrabAsync(packet.PacketId, bob);

        Assert.Equal((GrabOutcome.AlreadyClaimed, 100L), (bobs.Outcome, bobs.AmountCents));
        Assert.Equal(100, await World.BalanceAsync(bob));
    }
}
