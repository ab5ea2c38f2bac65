namespace RedPacket.Domain.Accounts.Limits;

/// <summary>A user's own daily limits, set by an admin; a null keeps the configured default.</summary>
public sealed class UserLimits
{
    private UserLimits() { }

    internal UserLimits(string userId) => UserId = userId;

    public string UserId { get; private set; } = "";
    public int? SendsPerDay { get; internal set; }
    public long? SentCentsPerDay { get; internal set; }
}

/// <summary>The limits that apply to a user today, and what they used of them.</summary>
public sealed record DailyAllowance(int SendsPerDay, long SentCentsPerDay, int SendsToday, long SentCentsToday, DateTimeOffset ResetsAt);
