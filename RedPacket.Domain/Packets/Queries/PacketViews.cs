namespace RedPacket.Domain.Packets.Queries;

public sealed record ClaimView(string UserId, string UserName, long AmountCents, DateTimeOffset ClaimedAt, bool Luckiest);

public sealed record PacketDetail(
    long PacketId, long GroupId, string SenderUserId, string SenderName, PacketKind Kind, PacketStatus Status,
    long TotalCents, int ShareCount, long RemainingCents, int RemainingCount, long RefundedCents, string Greeting,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, IReadOnlyList<ClaimView> Claims, string? LuckiestUserId,
    string? RecipientUserId = null, string? RecipientName = null, string Cover = PacketCovers.Classic);

public sealed record SentPacketRow(long PacketId, long GroupId, PacketKind Kind, PacketStatus Status, long TotalCents,
    int ShareCount, int RemainingCount, long RefundedCents, string Greeting, DateTimeOffset CreatedAt);

public sealed record ReceivedShareRow(long PacketId, long GroupId, string SenderUserId, long AmountCents,
    string Greeting, DateTimeOffset ClaimedAt);
