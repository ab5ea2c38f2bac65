using RedPacket.Tests.Integration.Redis;

namespace RedPacket.Tests.Cluster.Redis;

/// <summary>Every named result of every packet script (<see cref="PacketScriptContract"/>), run on the Redis Cluster.</summary>
public sealed class RedisClusterPacketScriptTests(RedisClusterFixture fixture)
    : PacketScriptContract(fixture), IClassFixture<RedisClusterFixture>;
