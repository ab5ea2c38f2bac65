namespace RedPacket.Domain.Packets;

/// <summary>Limits and timings of packets (configuration section <c>RedPacket:Packets</c>).</summary>
public sealed class PacketOptions
{
    public long MinTotalCents { get; set; } = 1;
    public long MaxTotalCents { get; set; } = 20_000;
    public int MinCount { get; set; } = 1;
    public int MaxCount { get; set; } = 100;
    public long MinShareCents { get; set; } = 1;
    public int MaxGreetingLength { get; set; } = 100;
    public string DefaultGreeting { get; set; } = "恭喜发财，大吉大利";
    /// <summary>After this a packet that still holds shares is refunded.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(24);
    /// <summary>Redis keys outlive the packet by this much, so the refund job still finds the claims there.</summary>
    public TimeSpan RedisGrace { get; set; } = TimeSpan.FromHours(2);
    /// <summary>"gaussian" (the original note's method) or "doubleMean" (WeChat's).</summary>
    public string LuckySplit { get; set; } = "gaussian";
}
