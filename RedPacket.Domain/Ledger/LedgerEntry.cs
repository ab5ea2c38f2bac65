namespace RedPacket.Domain.Ledger;

/// <summary>
/// One leg of a double-entry transfer. Every transfer writes two legs with the same
/// <see cref="TransferId"/> whose amounts sum to zero, in the transaction that moves the balances.
/// </summary>
public sealed class LedgerEntry
{
    private LedgerEntry() { }

    internal LedgerEntry(Guid transferId, TransferKind kind, LedgerBook book, string? userId,
        long? packetId, long amountCents, DateTimeOffset createdAt)
    {
        TransferId = transferId;
        Kind = kind;
        Book = book;
        UserId = userId;
        PacketId = packetId;
        AmountCents = amountCents;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }
    public Guid TransferId { get; private set; }
    public TransferKind Kind { get; private set; }
    public LedgerBook Book { get; private set; }
    /// <summary>Set on <see cref="LedgerBook.User"/> legs.</summary>
    public string? UserId { get; private set; }
    public long? PacketId { get; private set; }
    /// <summary>Positive: money into this book; negative: money out.</summary>
    public long AmountCents { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

public enum TransferKind { TopUp = 1, Send = 2, Claim = 3, Refund = 4 }

/// <summary>Where a leg sits: a user's account, a packet's escrow, or the outside world (top-ups).</summary>
public enum LedgerBook { User = 1, Escrow = 2, External = 3 }
