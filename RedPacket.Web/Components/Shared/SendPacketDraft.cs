namespace RedPacket.Web.Components.Shared;

/// <summary>What the send form hands to its page. The key is made once per open form, so a double click sends once.</summary>
public sealed record SendPacketDraft(long TotalCents, int Count, RedPacket.Domain.Packets.PacketKind Kind, string? Greeting, string IdempotencyKey,
    string? RecipientUserId = null, string Cover = RedPacket.Domain.Packets.PacketCovers.Classic, string Pin = "", string? Phrase = null);
