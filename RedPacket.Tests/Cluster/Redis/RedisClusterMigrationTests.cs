using System.Net;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Domain.Redis;
using RedPacket.Web.Api;
using StackExchange.Redis;

namespace RedPacket.Tests.Cluster.Redis;

/// <summary>A packet's slot moved between masters by hand (SETSLOT IMPORTING/MIGRATING, MIGRATE … KEYS, SETSLOT NODE).</summary>
public sealed class RedisClusterMigrationTests(RedisClusterFixture fixture) : IClassFixture<RedisClusterFixture>
{
    private IConnectionMultiplexer Redis => fixture.Get<IConnectionMultiplexer>();
    private RedisPacketStore Store => fixture.Get<RedisPacketStore>();

    [Fact]
    public async Task Claim_SlotHalfMigrated_TryAgainThenServedByTheTarget()
    {
        var packet = 770_000_000 + Random.Shared.Next(1_000_000); // a slot no other test's packet uses
        var keys = PacketKeys.For(fixture.KeyPrefix, packet);
        var slot = Redis.HashSlot(keys.State);
        var source = fixture.MasterOf(keys.State);
        var config = Redis.GetServer(source).ClusterConfiguration!;
        var target = config.Nodes.First(n => !n.IsReplica && !n.EndPoint!.Equals(source)).EndPoint!;
        string Id(EndPoint e) => config[e]!.NodeId;
        await Store.LoadAsync(packet, "open", new Dictionary<string, ShareToken>(), [new(1, 300), new(2, 200)], TimeSpan.FromHours(1));
        try
        {
            await Redis.GetServer(target).ExecuteAsync("CLUSTER", "SETSLOT", slot, "IMPORTING", Id(source));
            await Redis.GetServer(source).ExecuteAsync("CLUSTER", "SETSLOT", slot, "MIGRATING", Id(target));
            var (host, port) = (((IPEndPoint)target).Address.ToString(), ((IPEndPoint)target).Port);
            await Migrate(source, host, port, keys.Shares); // the first batch: the packet is now split between two masters

            var split = await Assert.ThrowsAsync<RedisServerException>(() => Store.ClaimAsync(packet, "bob"));
            Assert.StartsWith("TRYAGAIN", split.Message);
            Assert.True(RedPacket.Domain.Redis.RedisFaults.IsPassing(split));
            Assert.True(DependencyFailures.IsDependencyDown(split)); // the API answers 503, not 500

            await Migrate(source, host, port, keys.Claims, keys.State); // the rest (settled/pending do not exist yet)
            foreach (var master in new[] { source, target })
                await Redis.GetServer(master).ExecuteAsync("CLUSTER", "SETSLOT", slot, "NODE", Id(target));

            var bob = await Store.ClaimAsync(packet, "bob"); // MOVED, followed by the client
            Assert.Equal((ClaimReplyKind.Claimed, 1), (bob.Kind, bob.SharesLeft));
            Assert.Equal(ClaimReplyKind.AlreadyClaimed, (await Store.ClaimAsync(packet, "bob")).Kind);
            Assert.True((long)await Redis.GetServer(target).ExecuteAsync("CLUSTER", "COUNTKEYSINSLOT", slot) > 0, "the target serves the slot");
        }
        finally
        {
            // Back to the source, empty: the keys go, the slot is assigned to its old master everywhere.
            await Redis.GetDatabase().KeyDeleteAsync([.. keys.All]);
            foreach (var master in config.Nodes.Where(n => !n.IsReplica))
                await Redis.GetServer(master.EndPoint!).ExecuteAsync("CLUSTER", "SETSLOT", slot, "NODE", Id(source));
        }
    }

    private Task Migrate(EndPoint from, string host, int port, params RedisKey[] keys) =>
        Redis.GetServer(from).ExecuteAsync("MIGRATE", [host, port, "", 0, 5000, "KEYS", .. keys.Select(k => (object)(string)k!)]);
}
