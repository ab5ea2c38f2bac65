namespace RedPacket.Domain.Accounts.Pins;

/// <summary>
/// A user's payment PIN (支付密码): its salted hash, and the wrong guesses in a row that lock it. Only ever changed
/// while its row is locked FOR UPDATE, so two wrong guesses at once are both counted.
/// </summary>
public sealed class PaymentPin
{
    private PaymentPin() { }

    internal PaymentPin(string userId, byte[] salt, byte[] hash, int iterations, DateTimeOffset at)
    {
        UserId = userId;
        Replace(salt, hash, iterations, at);
    }

    public string UserId { get; private set; } = "";
    public byte[] Salt { get; private set; } = [];
    public byte[] Hash { get; private set; } = [];
    /// <summary>The PBKDF2 iterations this hash was made with, so the setting can rise without breaking old PINs.</summary>
    public int Iterations { get; private set; }
    public int FailedAttempts { get; private set; }
    /// <summary>Set when the last wrong guess used up the attempts; the app's clock writes and judges it.</summary>
    public DateTimeOffset? LockedUntil { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    internal bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;

    internal void Replace(byte[] salt, byte[] hash, int iterations, DateTimeOffset at)
    {
        (Salt, Hash, Iterations, UpdatedAt) = (salt, hash, iterations, at);
        (FailedAttempts, LockedUntil) = (0, null);
    }

    /// <summary>Counts a wrong guess; the one that uses up <paramref name="maxAttempts"/> locks the PIN and starts a fresh count.</summary>
    internal void Wrong(int maxAttempts, TimeSpan lockFor, DateTimeOffset now)
    {
        FailedAttempts++;
        if (FailedAttempts < maxAttempts) return;
        (FailedAttempts, LockedUntil) = (0, now + lockFor);
    }

    internal void Right() => (FailedAttempts, LockedUntil) = (0, null);
}
