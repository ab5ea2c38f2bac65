using System.Security.Cryptography;
using System.Text;

namespace RedPacket.Domain.Packets.Sending;

/// <summary>A request to send a packet. The sender is always the signed-in user, never a value from a body.</summary>
public sealed record SendPacketCommand(string SenderUserId, long GroupId, long TotalCents, int Count, PacketKind Kind,
    string? Greeting, string? IdempotencyKey = null, string? RecipientUserId = null, string? Cover = null, string? Phrase = null)
{
    /// <summary>
    /// What a replay must match for the idempotency key to return the first packet. The recipient is appended only
    /// when there is one, so packets sent before exclusive packets existed keep their hash (and their replays match);
    /// the same for a cover other than the classic one.
    /// </summary>
    internal string RequestHash(string greeting) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
        (RecipientUserId is null
            ? $"{GroupId}|{TotalCents}|{Count}|{Kind}|{greeting}"
            : $"{GroupId}|{TotalCents}|{Count}|{Kind}|{greeting}|{RecipientUserId}")
        + (Cover is null or PacketCovers.Classic ? "" : $"|cover:{Cover}")
        + (Phrase is null ? "" : $"|phrase:{Phrase}"))));
}

public sealed record SentPacket(long PacketId, long GroupId, PacketKind Kind, long TotalCents, int Count,
    string Greeting, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool Replayed, string? RecipientUserId = null,
    string Cover = PacketCovers.Classic, string? Phrase = null);
