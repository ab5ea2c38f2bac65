using RedPacket.Tests.Support;
using StackExchange.Redis;

namespace RedPacket.Tests.Cluster.Redis;

/// <summary>
/// The domain on the 3-master Redis Cluster scripts/services.sh starts (<c>RP_REDIS_CLUSTER</c>), MySQL as usual.
/// A script whose keys span slots fails there with CROSSSLOT, which a single Redis never reports.
/// </summary>
public class RedisClusterFixture : DomainFixture
{
    protected override string RedisEndpoint => TestServers.RedisCluster;

    /// <summary>Admin mode for CLUSTER KEYSLOT and the resharding steps (SETSLOT, MIGRATE) the tests run.</summary>
    protected override string RedisOptions => ",allowAdmin=true";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("RedPacket:Reconciler:MinAge", ReconcileRounds.ShortMinAge)];

    /// <summary>The master that serves <paramref name="key"/>'s slot, from the multiplexer's view of the cluster.</summary>
    public System.Net.EndPoint MasterOf(RedisKey key)
    {
        var redis = Get<IConnectionMultiplexer>();
        var config = redis.GetServers()[0].ClusterConfiguration
            ?? throw new InvalidOperationException("Not connected to a Redis Cluster: " + TestServers.RedisCluster);
        return config.GetBySlot(redis.HashSlot(key))!.EndPoint!;
    }
}
