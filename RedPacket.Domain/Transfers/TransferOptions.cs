namespace RedPacket.Domain.Transfers;

/// <summary>Settings of transfers (<c>RedPacket:Transfers</c>).</summary>
public sealed class TransferOptions
{
    public const string Section = "RedPacket:Transfers";

    /// <summary>How long a transfer waits for its recipient before the job returns it.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(24);

    public long MinCents { get; set; } = 1;

    public long MaxCents { get; set; } = 20_000;

    /// <summary>Expired transfers the job reads per page.</summary>
    public int PageSize { get; set; } = 200;
}
