namespace RedPacket.Domain.Transfers;

/// <summary>A request to transfer money to another member. The sender is always the signed-in user.</summary>
public sealed record TransferCommand(string FromUserId, long GroupId, string ToUserId, long AmountCents, string? Note,
    string? IdempotencyKey = null);

/// <summary>A transfer as its two people and the chat see it.</summary>
public sealed record TransferView(long TransferId, long GroupId, string FromUserId, string FromName, string ToUserId, string ToName,
    long AmountCents, string Note, TransferStatus Status, bool Expired, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? SettledAt, bool Replayed = false);

/// <summary>What one run of the transfer job did.</summary>
public sealed record TransferReturnSummary(int Found, int Returned, long ReturnedCents);
