namespace RedPacket.Domain.Chat;

public enum ChatMessageKind { Text = 1, Packet = 2, Transfer = 3 }

/// <summary>One line of a group chat: text, the bubble of a packet, or the card of a transfer.</summary>
public sealed class ChatMessage
{
    private ChatMessage() { }

    public static ChatMessage TextMessage(long groupId, string senderUserId, string text, DateTimeOffset at) =>
        new() { GroupId = groupId, SenderUserId = senderUserId, Kind = ChatMessageKind.Text, Text = text, CreatedAt = at };

    public static ChatMessage PacketBubble(long groupId, string senderUserId, long packetId, DateTimeOffset at) =>
        new() { GroupId = groupId, SenderUserId = senderUserId, Kind = ChatMessageKind.Packet, PacketId = packetId, CreatedAt = at };

    public static ChatMessage TransferCard(long groupId, string senderUserId, long transferId, DateTimeOffset at) =>
        new() { GroupId = groupId, SenderUserId = senderUserId, Kind = ChatMessageKind.Transfer, TransferId = transferId, CreatedAt = at };

    public long Id { get; private set; }
    public long GroupId { get; private set; }
    public string SenderUserId { get; private set; } = "";
    public ChatMessageKind Kind { get; private set; }
    public string? Text { get; private set; }
    public long? PacketId { get; private set; }
    public long? TransferId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
