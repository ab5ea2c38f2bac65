namespace RedPacket.Domain.Chat;

/// <summary>What a sender is told about a packet of theirs, in the chat (WeChat's grey system lines).</summary>
public enum NoticeKind
{
    /// <summary>Someone opened the packet: <see cref="ChatNotice.OtherUserName"/> got <see cref="ChatNotice.AmountCents"/>.</summary>
    Opened,
    /// <summary>The last share was taken; the amount is the packet's total.</summary>
    FullyTaken,
    /// <summary>The packet expired and the rest (the amount) came back to the sender.</summary>
    CameBack,
}

/// <summary>One line for the sender of a packet. <see cref="OtherUserName"/> is the claimer's name for
/// <see cref="NoticeKind.Opened"/>, null otherwise.</summary>
public sealed record ChatNotice(NoticeKind Kind, long GroupId, long PacketId, string Greeting, string? OtherUserName,
    long AmountCents, DateTimeOffset At);
