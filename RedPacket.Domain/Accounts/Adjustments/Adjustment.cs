namespace RedPacket.Domain.Accounts.Adjustments;

/// <summary>
/// An admin's correction of a user's balance: money between the user and the house account, with the reason and who
/// made it. Written with its ledger legs and the balance in one transaction.
/// </summary>
public sealed class Adjustment
{
    private Adjustment() { }

    internal Adjustment(string userId, long amountCents, string reason, string adminUserId, DateTimeOffset createdAt) =>
        (UserId, AmountCents, Reason, AdminUserId, CreatedAt) = (userId, amountCents, reason, adminUserId, createdAt);

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    /// <summary>Positive: the house pays the user; negative: the user pays the house.</summary>
    public long AmountCents { get; private set; }
    public string Reason { get; private set; } = "";
    public string AdminUserId { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public const int MaxReasonElements = 200;
}

/// <summary>One row of the adjustments history.</summary>
public sealed record AdjustmentRow(long AdjustmentId, string UserId, string UserName, long AmountCents, string Reason, string AdminUserId,
    string AdminName, DateTimeOffset CreatedAt, long? BalanceAfterCents = null);
