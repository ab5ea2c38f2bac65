using StackExchange.Redis;

namespace RedPacket.Domain.Redis;

/// <summary>
/// The Redis keys of one packet. The hash tag <c>{id}</c> puts them in one cluster slot,
/// which a Lua script touching several of them needs.
/// </summary>
internal readonly record struct PacketKeys(RedisKey Shares, RedisKey Claims, RedisKey State, RedisKey Settled, RedisKey Pending,
    RedisKey RebuildLock)
{
    public static PacketKeys For(string prefix, long packetId)
    {
        var root = $"{prefix}rp:{{{packetId}}}:";
        return new(root + "shares", root + "claims", root + "state", root + "settled", root + "pending", root + "rebuild");
    }

    /// <summary>The keys every packet script takes, in this order: shares, claims, state, settled, pending.</summary>
    public RedisKey[] All => [Shares, Claims, State, Settled, Pending];
}
