namespace RedPacket.Web.Live;

/// <summary>Configuration section <c>RedPacket:SignalR</c>.</summary>
public sealed class LiveOptions
{
    public const string Section = "RedPacket:SignalR";

    /// <summary>SignalR through Redis, so the clients of every web node see every node's events.</summary>
    public bool RedisBackplane { get; set; }

    /// <summary>The Redis channel prefix of the backplane (several apps on one Redis keep theirs apart).</summary>
    public string ChannelPrefix { get; set; } = "redpacket-signalr";
}
