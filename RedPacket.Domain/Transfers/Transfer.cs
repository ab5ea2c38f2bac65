namespace RedPacket.Domain.Transfers;

public enum TransferStatus { Pending = 1, Accepted = 2, Returned = 3 }

/// <summary>
/// A transfer (转账) from one member to another: the money waits in escrow until the recipient accepts it or sends it
/// back, or until it has waited <see cref="TransferOptions.Lifetime"/> and the job returns it. It leaves
/// <see cref="TransferStatus.Pending"/> once, under its row lock, so accept, return and expiry never both happen.
/// </summary>
public sealed class Transfer
{
    private Transfer() { }

    internal Transfer(long groupId, string fromUserId, string toUserId, long amountCents, string note, DateTimeOffset createdAt,
        TimeSpan lifetime, string? idempotencyKey, string requestHash)
    {
        (GroupId, FromUserId, ToUserId, AmountCents, Note) = (groupId, fromUserId, toUserId, amountCents, note);
        (CreatedAt, ExpiresAt, IdempotencyKey, RequestHash) = (createdAt, createdAt + lifetime, idempotencyKey, requestHash);
        Status = TransferStatus.Pending;
    }

    public long Id { get; private set; }
    public long GroupId { get; private set; }
    public string FromUserId { get; private set; } = "";
    public string ToUserId { get; private set; } = "";
    public long AmountCents { get; private set; }
    public string Note { get; private set; } = "";
    public TransferStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>Written and judged by the app's clock, as a packet's expiry.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? SettledAt { get; private set; }
    /// <summary>True when the job sent it back because nobody accepted it in time.</summary>
    public bool Expired { get; private set; }
    public string? IdempotencyKey { get; private set; }
    public string RequestHash { get; private set; } = "";

    public const int MaxNoteElements = 50;

    internal void End(TransferStatus to, DateTimeOffset at, bool expired = false)
    {
        if (Status != TransferStatus.Pending) throw new InvalidOperationException($"Transfer {Id} is already {Status}.");
        (Status, SettledAt, Expired) = (to, at, expired);
    }
}
