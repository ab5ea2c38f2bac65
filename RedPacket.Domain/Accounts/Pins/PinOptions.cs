namespace RedPacket.Domain.Accounts.Pins;

/// <summary>Settings of the payment PIN (<c>RedPacket:Pin</c>).</summary>
public sealed class PinOptions
{
    public const string Section = "RedPacket:Pin";

    /// <summary>Wrong PINs in a row that lock it.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a locked PIN refuses every attempt, the right one too.</summary>
    public TimeSpan LockFor { get; set; } = TimeSpan.FromHours(3);

    /// <summary>
    /// PBKDF2-HMAC-SHA256 iterations for a new hash (ASP.NET Identity's password hasher uses 100,000 with SHA-512). A
    /// six-digit PIN has only a million values, so no hash keeps a stolen table safe for long: the lock is what stops
    /// guessing, and the hash keeps the PINs out of sight of anyone reading the table.
    /// </summary>
    public int HashIterations { get; set; } = 100_000;
}
