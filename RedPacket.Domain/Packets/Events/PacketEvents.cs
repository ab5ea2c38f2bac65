namespace RedPacket.Domain.Packets.Events;

/// <summary>Something live clients of a chat group should see. Published after it committed.</summary>
public abstract record GroupEvent(long GroupId);

/// <summary>What happened to a packet. Published after the money moved and committed.</summary>
public abstract record PacketEvent(long GroupId, long PacketId) : GroupEvent(GroupId);

public sealed record MessagePosted(long GroupId, long MessageId, string SenderUserId, string SenderName, string Text,
    DateTimeOffset At) : GroupEvent(GroupId);

public sealed record PacketSent(long GroupId, long PacketId, string SenderUserId, string SenderName, PacketKind Kind,
    long TotalCents, int ShareCount, string Greeting, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    string? RecipientUserId = null, string? RecipientName = null)
    : PacketEvent(GroupId, PacketId);

public sealed record PacketClaimed(long GroupId, long PacketId, string UserId, long AmountCents, int RemainingCount)
    : PacketEvent(GroupId, PacketId);

/// <summary>Someone opened a packet: told to its sender alone (WeChat's "bob opened your red packet"), one per claim,
/// never coalesced and never fanned out to the whole group.</summary>
public sealed record PacketOpened(long GroupId, long PacketId, string SenderUserId, string ClaimerUserId, string ClaimerName,
    long AmountCents, DateTimeOffset At) : PacketEvent(GroupId, PacketId);

public sealed record PacketSoldOut(long GroupId, long PacketId) : PacketEvent(GroupId, PacketId);

public sealed record PacketRefunded(long GroupId, long PacketId, string SenderUserId, long AmountCents, int Shares)
    : PacketEvent(GroupId, PacketId);

/// <summary>Where group events go (SignalR in the web app). A failure to publish never undoes a money move.</summary>
public interface IGroupEventSink
{
    Task PublishAsync(GroupEvent e, CancellationToken ct = default);
}
