namespace RedPacket.Domain.Accounts.Limits;

/// <summary>What a user sent on one day (in <see cref="LimitOptions.DayTimeZone"/>). Written only under the account's row lock.</summary>
public sealed class DailyUsage
{
    private DailyUsage() { }

    internal DailyUsage(string userId, DateOnly day) => (UserId, Day) = (userId, day);

    public string UserId { get; private set; } = "";
    public DateOnly Day { get; private set; }
    public int Sends { get; private set; }
    public long SentCents { get; private set; }

    internal void Add(long cents) => (Sends, SentCents) = (Sends + 1, checked(SentCents + cents));
}
