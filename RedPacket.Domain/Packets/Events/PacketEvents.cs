namespace RedPacket.Domain.Packets.Events;

/// <summary>What happened to a packet, for live clients. Published after the money moved and committed.</summary>
public abstract record PacketEvent(long GroupId, long PacketId);

public sealed record PacketSent(long GroupId, long PacketId, string SenderUserId, string SenderName, PacketKind Kind,
    long TotalCents, int ShareCount, string Greeting, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
    : PacketEvent(GroupId, PacketId);

public sealed record PacketClaimed(long GroupId, long PacketId, string UserId, long AmountCents, int RemainingCount)
    : PacketEvent(GroupId, PacketId);

public sealed record PacketSoldOut(long GroupId, long PacketId) : PacketEvent(GroupId, PacketId);

public sealed record PacketRefunded(long GroupId, long PacketId, string SenderUserId, long AmountCents, int Shares)
    : PacketEvent(GroupId, PacketId);

/// <summary>Where packet events go (SignalR in the web app). A failure to publish never undoes a money move.</summary>
public interface IPacketEventSink
{
    Task PublishAsync(PacketEvent e, CancellationToken ct = default);
}
