using RedPacket.Domain.Common;

namespace RedPacket.Domain.Accounts;

/// <summary>A user's wallet. Only ever changed while its row is locked FOR UPDATE.</summary>
public sealed class Account
{
    private Account() { }

    public Account(string userId, string userName, DateTimeOffset createdAt)
    {
        UserId = userId;
        UserName = userName;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public long BalanceCents { get; private set; }
    /// <summary>Optimistic concurrency token: a belt to the braces of the row lock.</summary>
    public long Version { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public void Credit(long cents)
    {
        if (cents <= 0) throw new ArgumentOutOfRangeException(nameof(cents), "A credit is positive.");
        BalanceCents = checked(BalanceCents + cents);
        Version++;
    }

    public void Debit(long cents)
    {
        if (cents <= 0) throw new ArgumentOutOfRangeException(nameof(cents), "A debit is positive.");
        if (BalanceCents < cents)
            throw new DomainException(ErrorCodes.InsufficientFunds,
                $"The balance ({BalanceCents} cents) is less than {cents} cents.");
        BalanceCents -= cents;
        Version++;
    }
}
