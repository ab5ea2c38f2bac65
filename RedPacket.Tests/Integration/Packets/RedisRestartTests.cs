using RedPacket.Domain.Common;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Domain.Redis;
using RedPacket.Tests.Support;
using StackExchange.Redis;

namespace RedPacket.Tests.Integration.Packets;

/// <summary>This app reaches Redis through a proxy the test can cut, on a Redis database (2) of its own.</summary>
public sealed class RedisBehindProxyFixture : DomainFixture
{
    public TcpProxy Proxy { get; } = new("127.0.0.1", new Uri("redis://" + TestServers.Redis).Port);
    protected override string RedisEndpoint => $"127.0.0.1:{Proxy.Port}";
    protected override int RedisDatabase => 2;

    public int RedisDb => RedisDatabase;

    /// <summary>What a Redis restart without persistence leaves: nothing.</summary>
    public async Task EmptyRedisAsync()
    {
        await using var direct = await ConnectionMultiplexer.ConnectAsync($"{TestServers.Redis},allowAdmin=true");
        await direct.GetServers()[0].FlushDatabaseAsync(RedisDatabase);
    }
}

[Collection(nameof(RedisBehindProxyFixture))]
public sealed class RedisRestartTests(RedisBehindProxyFixture fixture)
    : IntegrationTest<RedisBehindProxyFixture>(fixture), IClassFixture<RedisBehindProxyFixture>
{
    [Fact]
    public async Task Grab_RedisRestartsEmptyMidBurst_EveryShareOnceNobodyPaidTwice()
    {
        var sender = await Driver.UserAsync("sender", 10_000);
        var group = await Driver.GroupAsync(sender);
        var users = await Driver.BulkMembersAsync(group, 200, "rr");
        var packet = await Driver.SendAsync(sender, group, 10_000, 50);
        var deadline = DateTime.UtcNow.AddSeconds(60);

        // Every user taps until they get an answer, as an app does when told "try again".
        var burst = Concurrency.RunConcurrent(users.Count, async i =>
        {
            while (true)
            {
                try { return (long?)(await Driver.GrabAsync(packet.PacketId, users[i])).AmountCents; }
                catch (DomainException e) when (e.Code is ErrorCodes.SoldOut) { return null; }
                catch (Exception) when (DateTime.UtcNow < deadline) { await Task.Delay(20); }
            }
        });
        await Eventually.TrueAsync(async () => (await Driver.SharesAsync(packet.PacketId)).Count(s => s.Status == ShareStatus.Claimed) >= 10,
            "a fifth of the shares claimed");
        Fixture.Proxy.Cut();
        await Fixture.EmptyRedisAsync();
        await Task.Delay(300); // how long the outage lasts while the burst goes on: the fault, not a wait for an outcome
        Fixture.Proxy.Restore();
        var answers = await burst;

        Assert.All(answers, a => Assert.True(a.Succeeded, a.Error?.ToString()));
        var paid = answers.Select((a, i) => (a.Value, User: users[i])).Where(x => x.Value is not null).ToList();
        Assert.Equal(50, paid.Count);
        var shares = await Driver.SharesAsync(packet.PacketId);
        Assert.All(shares, s => Assert.Equal(ShareStatus.Claimed, s.Status));
        foreach (var (amount, user) in paid)
        {
            Assert.Equal(amount, Assert.Single(shares, s => s.ReceiverUserId == user).AmountCents);
            Assert.Equal(amount, await Driver.BalanceAsync(user));
        }
    }

    [Fact]
    public async Task Grab_ClaimRanButItsReplyWasLostToADroppedConnection_AskedAgainAndNobodyHearsOfIt()
    {
        var sender = await Driver.UserAsync("sender", 2_000);
        var group = await Driver.GroupAsync(sender);
        var users = await Driver.BulkMembersAsync(group, 20, "blip");
        var packet = await Driver.SendAsync(sender, group, 2_000, 20);
        using var metrics = new MetricsRecorder(Fixture);
        var claims = PacketKeys.For(Fixture.KeyPrefix, packet.PacketId).Claims;
        await using var direct = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);

        // The link goes silent: every claim runs in Redis, and no reply comes back.
        Fixture.Proxy.SwallowReplies();
        var taps = users.Select(u => Fixture.Get<PacketGrabber>().GrabAsync(packet.PacketId, u)).ToList();
        await Eventually.TrueAsync(async () => await direct.GetDatabase(Fixture.RedisDb).HashLengthAsync(claims) == users.Count,
            "every claim ran in Redis");
        Fixture.Proxy.Cut(); // then the connection drops, with the replies lost
        Fixture.Proxy.Restore();
        var answers = await Task.WhenAll(taps);

        Assert.All(answers, a => Assert.Equal(GrabOutcome.Claimed, a.Result?.Outcome));
        Assert.True(metrics.Sum("redpacket.redis.script.retries", "script", "claim") >= users.Count, "each claim was asked again");
        var shares = await Driver.SharesAsync(packet.PacketId);
        for (var i = 0; i < users.Count; i++)
            Assert.Equal(answers[i].Result!.AmountCents, Assert.Single(shares, s => s.ReceiverUserId == users[i]).AmountCents);
    }
}
