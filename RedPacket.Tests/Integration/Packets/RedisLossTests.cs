using RedPacket.Domain.Common;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Packets;

/// <summary>Redis database 1 belongs to this class alone, so it can really FLUSHDB.</summary>
public sealed class FlushableRedisFixture : DomainFixture
{
    protected override int RedisDatabase => 1;
    protected override string RedisOptions => ",allowAdmin=true";
}

[Collection(nameof(FlushableRedisFixture))]
public sealed class RedisLossTests(FlushableRedisFixture fixture)
    : IntegrationTest<FlushableRedisFixture>(fixture), IClassFixture<FlushableRedisFixture>
{
    [Fact]
    public async Task Grab_RedisFlushedMidPacket_CarriesOnFromMySqlNobodyPaidTwice()
    {
        var sender = await Driver.UserAsync("sender", 10_000);
        var group = await Driver.GroupAsync(sender);
        var users = await Driver.BulkMembersAsync(group, 60, "f");
        var packet = await Driver.SendAsync(sender, group, 10_000, 40);

        var before = await Concurrency.RunConcurrent(15, i => Driver.GrabAsync(packet.PacketId, users[i]));
        await Fixture.FlushRedisAsync();
        // Those who already grabbed tap again, alongside everybody else, right after the flush.
        var after = await Concurrency.RunConcurrent(60, i => Driver.GrabAsync(packet.PacketId, users[i]));

        Assert.All(before, a => Assert.True(a.Succeeded, a.Error?.ToString()));
        for (var i = 0; i < 15; i++)
        {
            Assert.True(after[i].Succeeded, after[i].Error?.ToString());
            Assert.Equal(GrabOutcome.AlreadyClaimed, after[i].Value!.Outcome);
            Assert.Equal(before[i].Value!.AmountCents, after[i].Value!.AmountCents);
        }
        var newClaims = after.Skip(15).Where(a => a.Succeeded).ToList();
        Assert.Equal(25, newClaims.Count);
        Assert.All(after.Skip(15).Where(a => !a.Succeeded),
            a => Assert.Equal(ErrorCodes.SoldOut, Assert.IsType<DomainException>(a.Error).Code));

        var shares = await Driver.SharesAsync(packet.PacketId);
        Assert.All(shares, s => Assert.Equal(ShareStatus.Claimed, s.Status));
        Assert.Equal(40, shares.Select(s => s.ReceiverUserId).Distinct().Count());
        foreach (var (user, i) in users.Select((u, i) => (u, i)))
        {
            var held = shares.Where(s => s.ReceiverUserId == user).Sum(s => s.AmountCents);
            Assert.Equal(held, await Driver.BalanceAsync(user));
        }
    }

    [Fact]
    public async Task Grab_RedisFlushedAfterSoldOut_StillSoldOutAndNoShareHandedOutAgain()
    {
        var sender = await Driver.UserAsync("sender", 300);
        var group = await Driver.GroupAsync(sender);
        var users = await Driver.BulkMembersAsync(group, 4, "s");
        var packet = await Driver.SendAsync(sender, group, 300, 3);
        for (var i = 0; i < 3; i++) await Driver.GrabAsync(packet.PacketId, users[i]);

        await Fixture.FlushRedisAsync();
        var late = await Record.ExceptionAsync(() => Driver.GrabAsync(packet.PacketId, users[3]));

        Assert.Equal(ErrorCodes.SoldOut, Assert.IsType<DomainException>(late).Code);
        Assert.Equal(0, await Driver.BalanceAsync(users[3]));
    }

    [Fact]
    public async Task Send_RedisFlushedRightAfterSend_FirstGrabRebuildsAndSucceeds()
    {
        var sender = await Driver.UserAsync("sender", 500);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(sender, bob);
        var packet = await Driver.SendAsync(sender, group, 500, 5);

        await Fixture.FlushRedisAsync();
        var result = await Driver.GrabAsync(packet.PacketId, bob);

        Assert.Equal(GrabOutcome.Claimed, result.Outcome);
        Assert.Equal(4, (await Driver.PacketAsync(packet.PacketId)).RemainingCount);
    }
}

[CollectionDefinition(nameof(FlushableRedisFixture))]
public sealed class FlushableRedisCollection;
