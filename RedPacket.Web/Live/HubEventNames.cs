namespace RedPacket.Web.Live;

/// <summary>The names of the hub's client methods; the payload is the domain event, in camelCase JSON.</summary>
public static class HubEventNames
{
    public const string PacketSent = nameof(PacketSent);
    public const string PacketClaimed = nameof(PacketClaimed);
    public const string PacketSoldOut = nameof(PacketSoldOut);
    public const string PacketRefunded = nameof(PacketRefunded);
    public const string MessagePosted = nameof(MessagePosted);
    /// <summary>A transfer (转账) in the group was made, accepted or returned.</summary>
    public const string TransferChanged = nameof(TransferChanged);
    /// <summary>Sent to one user, the packet's sender: someone opened their packet (one per claim).</summary>
    public const string PacketOpened = nameof(PacketOpened);
    /// <summary>Sent to one user: their balance moved (a claim, a send, a refund).</summary>
    public const string BalanceChanged = nameof(BalanceChanged);
}
