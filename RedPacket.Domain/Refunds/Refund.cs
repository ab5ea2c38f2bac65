namespace RedPacket.Domain.Refunds;

/// <summary>One attempt to refund one expired packet: the history admins read, failures included.</summary>
public sealed class Refund
{
    private Refund() { }

    public static Refund Succeeded(long packetId, string senderUserId, long amountCents, int shares, int settledClaims,
        Guid jobRunId, int attempt, DateTimeOffset at) => new()
    {
        PacketId = packetId, SenderUserId = senderUserId, AmountCents = amountCents, Shares = shares,
        SettledClaims = settledClaims, JobRunId = jobRunId, Attempt = attempt, CreatedAt = at,
        Outcome = RefundOutcome.Succeeded,
    };

    public static Refund Failed(long packetId, string senderUserId, Guid jobRunId, int attempt, string error, DateTimeOffset at) => new()
    {
        PacketId = packetId, SenderUserId = senderUserId, JobRunId = jobRunId, Attempt = attempt, CreatedAt = at,
        Outcome = RefundOutcome.Failed, Error = error.Length > 1000 ? error[..1000] : error,
    };

    public long Id { get; private set; }
    public long PacketId { get; private set; }
    public string SenderUserId { get; private set; } = "";
    public long AmountCents { get; private set; }
    public int Shares { get; private set; }
    /// <summary>Claims Redis held but MySQL lacked, finished before the refund.</summary>
    public int SettledClaims { get; private set; }
    public Guid JobRunId { get; private set; }
    public int Attempt { get; private set; }
    public RefundOutcome Outcome { get; private set; }
    public string? Error { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

public enum RefundOutcome { Succeeded = 1, Failed = 2 }
