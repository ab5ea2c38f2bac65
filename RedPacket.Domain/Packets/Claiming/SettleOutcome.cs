namespace RedPacket.Domain.Packets.Claiming;

/// <summary>One claim Redis handed out, waiting to be made true in MySQL.</summary>
public readonly record struct PendingClaim(string UserId, ShareToken Share);

/// <summary>How MySQL answered a claim Redis handed out.</summary>
public abstract record SettleOutcome
{
    /// <summary>The user holds this share in MySQL. <see cref="JustNow"/>: this settle moved the money.</summary>
    public sealed record Settled(long AmountCents, int RemainingCount, bool JustNow) : SettleOutcome;

    /// <summary>MySQL says the user already holds a different share of the packet.</summary>
    public sealed record HoldsOther(ShareToken Held, int RemainingCount) : SettleOutcome;

    /// <summary>The share is no longer unclaimed in MySQL (someone else's, or refunded).</summary>
    public sealed record Gone(ShareStatus Share, PacketStatus Packet) : SettleOutcome;

    /// <summary>This claim cannot be settled (e.g. the receiver has no account); the others of its batch were.</summary>
    public sealed record Failed(Exception Error) : SettleOutcome;
}
