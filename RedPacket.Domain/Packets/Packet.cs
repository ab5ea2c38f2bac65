using RedPacket.Domain.Common;

namespace RedPacket.Domain.Packets;

/// <summary>
/// A red packet: money in escrow, split into shares. The escrow is <see cref="RemainingCents"/>;
/// it only changes while the packet row is locked FOR UPDATE.
/// </summary>
public sealed class Packet
{
    /// <summary>The most the greeting column holds (in text elements); the setting may only lower it.</summary>
    public const int MaxGreetingElements = 100;
    /// <summary>A phrase's length in text elements (what a person counts as characters).</summary>
    public const int MinPhraseElements = 2, MaxPhraseElements = 20;

    private readonly List<PacketShare> _shares = [];

    private Packet() { }

    public static Packet Create(long groupId, string senderUserId, PacketKind kind, IReadOnlyList<long> shareAmounts,
        string greeting, DateTimeOffset createdAt, TimeSpan lifetime, string? idempotencyKey, string requestHash,
        string? recipientUserId = null, string cover = PacketCovers.Classic, string? phrase = null)
    {
        // The sender's rules (SendPacketRules, PacketSender) say who may be named; the entity only refuses a mismatch.
        if ((kind == PacketKind.Exclusive) != (recipientUserId is not null))
            throw new InvalidOperationException("Exactly the exclusive kind names a recipient.");
        if ((kind == PacketKind.Password) != (phrase is not null))
            throw new InvalidOperationException("Exactly the password kind has a phrase.");
        var total = shareAmounts.Sum();
        var packet = new Packet
        {
            GroupId = groupId,
            SenderUserId = senderUserId,
            Kind = kind,
            TotalCents = total,
            ShareCount = shareAmounts.Count,
            RemainingCents = total,
            RemainingCount = shareAmounts.Count,
            Greeting = greeting,
            Status = PacketStatus.Open,
            CreatedAt = createdAt,
            ExpiresAt = createdAt + lifetime,
            IdempotencyKey = idempotencyKey,
            RequestHash = requestHash,
            RecipientUserId = recipientUserId,
            Cover = cover,
            Phrase = phrase,
        };
        for (var i = 0; i < shareAmounts.Count; i++)
            packet._shares.Add(new PacketShare(i + 1, shareAmounts[i]));
        return packet;
    }

    public long Id { get; private set; }
    public long GroupId { get; private set; }
    public string SenderUserId { get; private set; } = "";
    public PacketKind Kind { get; private set; }
    public long TotalCents { get; private set; }
    public int ShareCount { get; private set; }
    public long RemainingCents { get; private set; }
    public int RemainingCount { get; private set; }
    public long RefundedCents { get; private set; }
    public string Greeting { get; private set; } = "";
    public PacketStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? RefundedAt { get; private set; }
    /// <summary>Per sender: a replayed send with this key returns this packet.</summary>
    public string? IdempotencyKey { get; private set; }
    /// <summary>Hash of the send request, so the same key with another body is refused.</summary>
    public string RequestHash { get; private set; } = "";
    public long Version { get; private set; }
    /// <summary>The one member who may open an exclusive packet; null for every other kind.</summary>
    public string? RecipientUserId { get; private set; }
    /// <summary>Which of the <see cref="PacketCovers"/> the sender picked.</summary>
    public string Cover { get; private set; } = PacketCovers.Classic;
    /// <summary>A password packet's phrase (口令): shown to the members, sent back by whoever opens it.</summary>
    public string? Phrase { get; private set; }

    public IReadOnlyCollection<PacketShare> Shares => _shares;

    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>Moves one share from escrow to <paramref name="receiverUserId"/>; the caller credits the account.</summary>
    public void Claim(PacketShare share, string receiverUserId, DateTimeOffset at)
    {
        if (share.PacketId != Id) throw new InvalidOperationException("The share belongs to another packet.");
        if (Status != PacketStatus.Open)
            throw new DomainException(Status == PacketStatus.Refunded ? ErrorCodes.Expired : ErrorCodes.SoldOut,
                "The packet holds no more shares.");
        share.ClaimBy(receiverUserId, at);
        RemainingCents -= share.AmountCents;
        RemainingCount--;
        if (RemainingCount == 0) Status = PacketStatus.SoldOut;
        Version++;
    }

    /// <summary>Closes the packet and marks every unclaimed share refunded; returns the cents due back to the sender.</summary>
    public long Refund(IEnumerable<PacketShare> unclaimed, DateTimeOffset at)
    {
        if (Status == PacketStatus.Refunded) throw new InvalidOperationException("The packet was refunded already.");
        long cents = 0;
        var count = 0;
        foreach (var share in unclaimed)
        {
            share.MarkRefunded();
            cents += share.AmountCents;
            count++;
        }
        if (cents != RemainingCents || count != RemainingCount)
            throw new InvalidOperationException(
                $"Packet {Id}: unclaimed shares hold {cents} cents in {count}, escrow says {RemainingCents} in {RemainingCount}.");
        RefundedCents = cents;
        RemainingCents = 0;
        RemainingCount = 0;
        Status = PacketStatus.Refunded;
        RefundedAt = at;
        Version++;
        return cents;
    }
}
