namespace RedPacket.Domain.Redis;

/// <summary>Configuration section <c>RedPacket:Redis</c>.</summary>
public sealed class RedisOptions
{
    /// <summary>Prefixed to every key, so several apps (or test classes) can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "";
}
