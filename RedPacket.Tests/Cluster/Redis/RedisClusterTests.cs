using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Domain.Packets.Reconciling;
using RedPacket.Domain.Redis;
using RedPacket.Tests.Support;
using RedPacket.Web.Api;
using RedPacket.Web.Api.RateLimiting;
using StackExchange.Redis;

namespace RedPacket.Tests.Cluster.Redis;

/// <summary>
/// The app's real code paths on a 3-master Redis Cluster, for packets whose slots sit on different masters: every
/// script must touch one slot (CROSSSLOT otherwise), and nothing may assume one server holds every key.
/// </summary>
public sealed class RedisClusterTests(RedisClusterFixture fixture) : IntegrationTest<RedisClusterFixture>(fixture),
    IClassFixture<RedisClusterFixture>
{
    private IConnectionMultiplexer Redis => Fixture.Get<IConnectionMultiplexer>();

    [Fact]
    public async Task PacketKeys_EveryScriptsKeys_ShareOneSlotByClientAndServer()
    {
        var server = Redis.GetServers()[0];
        var masters = new HashSet<string>();
        for (long id = 1; id <= 12; id++)
        {
            var keys = PacketKeys.For(Fixture.KeyPrefix, id);
            // Every packet script takes keys.All; the rebuild lock is the one key outside the scripts.
            RedisKey[] declared = [.. keys.All, keys.RebuildLock];
            var slots = declared.Select(k => Redis.HashSlot(k)).Distinct().ToList();
            var serverSlots = new HashSet<long>();
            foreach (var k in declared) serverSlots.Add((long)await server.ExecuteAsync("CLUSTER", "KEYSLOT", (string)k!));
            Assert.Equal((long)Assert.Single(slots), Assert.Single(serverSlots));
            masters.Add(Fixture.MasterOf(keys.State).ToString()!);
        }
        Assert.Equal(3, masters.Count); // twelve packets cover the three masters: the scripts really ran on each
    }

    [Fact]
    public async Task Grab_PacketsOnEveryMaster_EachShareOnceAndBooksBalance()
    {
        var sender = await Driver.UserAsync("sender", 6_000);
        var users = new List<string>();
        for (var i = 0; i < 4; i++) users.Add(await Driver.UserAsync("u" + i));
        var group = await Driver.GroupAsync(sender, [.. users]);
        var packets = new List<long>();
        for (var i = 0; i < 6; i++) packets.Add((await Driver.SendAsync(sender, group, 900, 3)).PacketId);
        Assert.True(packets.Select(p => Fixture.MasterOf(PacketKeys.For(Fixture.KeyPrefix, p).State).ToString()).Distinct().Count() >= 2,
            "the packets' slots are all on one master");

        var grabs = await Concurrency.RunConcurrent(packets.Count * users.Count,
            i => Fixture.Get<PacketGrabber>().GrabAsync(packets[i / users.Count], users[i % users.Count]));

        Assert.All(grabs, g => Assert.True(g.Succeeded, g.Error?.ToString()));
        foreach (var packet in packets)
        {
            var answers = grabs.Where((_, i) => packets[i / users.Count] == packet).Select(g => g.Value!).ToList();
            Assert.Equal(3, answers.Count(a => a.Result?.Outcome == GrabOutcome.Claimed));
            Assert.Single(answers, a => a.Refusal?.Code == GrabRefusal.SoldOut.Code);
            var shares = await Driver.SharesAsync(packet);
            Assert.Equal(3, shares.Select(s => s.ReceiverUserId).Where(u => u is not null).Distinct().Count());
            Assert.Equal(900, shares.Sum(s => s.AmountCents));
        }
        // A repeat tap is answered from Redis (settled marks, sold-out snapshot) on every master.
        foreach (var packet in packets)
        {
            var holder = (await Driver.SharesAsync(packet)).First(s => s.ReceiverUserId is not null).ReceiverUserId!;
            Assert.Equal(GrabOutcome.AlreadyClaimed, (await Driver.GrabAsync(packet, holder)).Outcome);
        }
    }

    [Fact]
    public async Task Grab_RedisLostThePacketOnEachMaster_RebuiltByTheLoadScript()
    {
        var sender = await Driver.UserAsync("sender", 3_000);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(sender, bob);
        var packets = new List<long>();
        for (var i = 0; i < 6; i++) packets.Add((await Driver.SendAsync(sender, group, 500, 2)).PacketId);

        foreach (var packet in packets)
        {
            // Per key, never FLUSHDB: on a cluster that would only empty one master.
            var keys = PacketKeys.For(Fixture.KeyPrefix, packet);
            await Fixture.Redis.KeyDeleteAsync([.. keys.All]);
            Assert.Equal(GrabOutcome.Claimed, (await Driver.GrabAsync(packet, bob)).Outcome);
            Assert.True(await Fixture.Redis.KeyExistsAsync(keys.State));
        }
    }

    [Fact]
    public async Task Reconcile_ClaimsAbandonedOnEveryMaster_SettledThroughTheStaleClaimsScript()
    {
        var sender = await Driver.UserAsync("sender", 3_000);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(sender, bob);
        var store = Fixture.Get<RedisPacketStore>();
        var popped = 0L;
        for (var i = 0; i < 6; i++)
        {
            var packet = (await Driver.SendAsync(sender, group, 500, 2)).PacketId;
            popped += (await store.ClaimAsync(packet, bob)).Share!.Value.AmountCents; // the node died after the pop
        }

        var summary = await Fixture.Get<ClaimReconciler>().UntilAbandonedAsync(6);

        Assert.Equal((6, 6, 0), (summary.Abandoned, summary.Settled, summary.Failed));
        Assert.Equal(popped, await Driver.BalanceAsync(bob));
    }

    [Fact]
    public async Task RateLimiter_CountersOnEveryMaster_CountAndGiveBack()
    {
        var limiter = new RedisRateLimiter(Redis, Options.Create(new RedisOptions { KeyPrefix = Fixture.KeyPrefix }),
            NullLogger<RedisRateLimiter>.Instance);
        var keys = Enumerable.Range(0, 12).Select(i => $"user-{i}").ToList();
        Assert.Equal(3, keys.Select(k => Fixture.MasterOf(limiter.KeyOf("test", k)).ToString()).Distinct().Count());

        foreach (var key in keys)
        {
            Assert.Equal(RateVerdict.Allowed, (await limiter.TryAcquireAsync("test", key, 1, TimeSpan.FromMinutes(1))).Verdict);
            Assert.Equal(RateVerdict.Refused, (await limiter.TryAcquireAsync("test", key, 1, TimeSpan.FromMinutes(1))).Verdict);
            Assert.Equal(GiveBackResult.GivenBack, await limiter.GiveBackAsync("test", key));
            Assert.Equal(GiveBackResult.NothingHeld, await limiter.GiveBackAsync("test", key + "-none"));
        }
    }

    [Fact]
    public async Task GrabThrottle_OnTheCluster_HoldsBackOverTheBudget()
    {
        var limiter = new RedisRateLimiter(Redis, Options.Create(new RedisOptions { KeyPrefix = Fixture.KeyPrefix }),
            NullLogger<RedisRateLimiter>.Instance);
        var throttle = new RedisGrabThrottle(limiter, Options.Create(new RateLimitOptions { GrabsPerWindow = 2, GrabWindow = TimeSpan.FromMinutes(1) }));

        foreach (var user in Enumerable.Range(0, 6).Select(i => $"grabber-{i}"))
        {
            Assert.Null(await throttle.HoldBackAsync(user));
            Assert.Null(await throttle.HoldBackAsync(user));
            Assert.NotNull(await throttle.HoldBackAsync(user));
        }
    }
}
