namespace RedPacket.Domain.Ledger;

/// <summary>
/// One leg of a double-entry move. Every move writes two legs with the same
/// <see cref="TransferId"/> whose amounts sum to zero, in the transaction that moves the balances. (Here "transfer" is
/// the bookkeeping pair; a member's transfer to another member, 转账, is a <c>Transfers.Transfer</c>, and its legs name
/// it in <see cref="TransferRecordId"/>.)
/// </summary>
public sealed class LedgerEntry
{
    private LedgerEntry() { }

    internal LedgerEntry(Guid transferId, TransferKind kind, LedgerBook book, string? userId,
        long? packetId, long amountCents, DateTimeOffset createdAt, long? transferRecordId = null)
    {
        TransferRecordId = transferRecordId;
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
    /// <summary>Set on the legs of a member's transfer (转账): its id.</summary>
    public long? TransferRecordId { get; private set; }
    /// <summary>Positive: money into this book; negative: money out.</summary>
    public long AmountCents { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

public enum TransferKind { TopUp = 1, Send = 2, Claim = 3, Refund = 4, TransferOut = 5, TransferIn = 6, TransferBack = 7, Adjustment = 8 }

/// <summary>
/// Where a leg sits: a user's account, the escrow of a packet or of a pending transfer, the outside world (top-ups), or
/// the house (an admin's adjustments).
/// </summary>
public enum LedgerBook { User = 1, Escrow = 2, External = 3, House = 4 }
