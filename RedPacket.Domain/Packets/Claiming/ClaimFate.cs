namespace RedPacket.Domain.Packets.Claiming;

/// <summary>
/// What became of a claim Redis handed out, once <see cref="ClaimSettler"/> has finished with it in MySQL and in Redis.
/// </summary>
public abstract record ClaimFate
{
    /// <summary>MySQL holds the claim: the user has <paramref name="AmountCents"/>. <paramref name="JustNow"/>: this settle paid it.</summary>
    public sealed record Paid(long AmountCents, int RemainingCount, bool JustNow) : ClaimFate;

    /// <summary>MySQL had already paid the user another share: Redis now says so too, and the popped share went back.</summary>
    public sealed record KeptOther(ShareToken Held, int RemainingCount) : ClaimFate;

    /// <summary>
    /// The share went to nobody through this claim (MySQL has it elsewhere, or refunded): Redis forgot the claim.
    /// <paramref name="Refunded"/>: the packet is over; otherwise the user may claim again for another share.
    /// </summary>
    public sealed record Dropped(bool Refunded) : ClaimFate;

    /// <summary>Not settled now. The claim was released when MySQL could be asked; otherwise Redis still holds it for the next tap or the reconciler.</summary>
    public sealed record Unsettled(Exception Error) : ClaimFate;
}
