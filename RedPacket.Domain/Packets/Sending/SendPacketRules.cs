using RedPacket.Domain.Common;

namespace RedPacket.Domain.Packets.Sending;

/// <summary>The limits a send must respect, checked before anything is written.</summary>
public static class SendPacketRules
{
    /// <summary>Returns the greeting to store (the default when none was given).</summary>
    public static string Validate(SendPacketCommand c, PacketOptions o)
    {
        if (!Enum.IsDefined(c.Kind))
            throw new DomainException(ErrorCodes.InvalidRequest, "The kind is 'lucky', 'fixed', 'exclusive' or 'password'.");
        if (c.Kind == PacketKind.Password)
        {
            if (c.Phrase is null || !TextLimits.Fits(c.Phrase.Trim(), Packet.MinPhraseElements, Packet.MaxPhraseElements))
                throw new DomainException(ErrorCodes.InvalidRequest,
                    $"A password packet needs a phrase of {Packet.MinPhraseElements} to {Packet.MaxPhraseElements} characters.");
        }
        else if (c.Phrase is not null)
        {
            throw new DomainException(ErrorCodes.InvalidRequest, "Only a password packet has a phrase.");
        }
        if (c.Kind == PacketKind.Exclusive)
        {
            if (c.Count != 1)
                throw new DomainException(ErrorCodes.InvalidCount, "An exclusive packet is one share.");
            if (string.IsNullOrWhiteSpace(c.RecipientUserId))
                throw new DomainException(ErrorCodes.InvalidRequest, "An exclusive packet needs a recipient.");
            if (c.RecipientUserId == c.SenderUserId)
                throw new DomainException(ErrorCodes.InvalidRequest, "An exclusive packet is for someone else, not its sender.");
        }
        else if (c.RecipientUserId is not null)
        {
            throw new DomainException(ErrorCodes.InvalidRequest, "Only an exclusive packet names a recipient.");
        }
        if (c.Cover is not null && !PacketCovers.IsKnown(c.Cover))
            throw new DomainException(ErrorCodes.InvalidRequest, $"The cover is one of: {string.Join(", ", PacketCovers.All)}.");
        if (c.Count < o.MinCount || c.Count > o.MaxCount)
            throw new DomainException(ErrorCodes.InvalidCount, $"The number of shares is {o.MinCount} to {o.MaxCount}.");
        if (c.TotalCents < o.MinTotalCents || c.TotalCents > o.MaxTotalCents)
            throw new DomainException(ErrorCodes.InvalidAmount,
                $"The amount is {o.MinTotalCents} to {o.MaxTotalCents} cents.");
        // Division, not multiplication: count * minimum could overflow with hostile limits.
        if (c.TotalCents / c.Count < o.MinShareCents)
            throw new DomainException(ErrorCodes.InvalidAmount,
                $"{c.TotalCents} cents cannot give {c.Count} shares at least {o.MinShareCents} cent(s) each.");
        var greeting = string.IsNullOrWhiteSpace(c.Greeting) ? o.DefaultGreeting : c.Greeting.Trim();
        var maxGreeting = Math.Min(o.MaxGreetingLength, Packet.MaxGreetingElements);
        if (!TextLimits.Fits(greeting, 1, maxGreeting))
            throw new DomainException(ErrorCodes.InvalidRequest, $"The greeting has at most {maxGreeting} characters.");
        if (c.IdempotencyKey is { Length: 0 or > 100 })
            throw new DomainException(ErrorCodes.InvalidRequest, "An Idempotency-Key has 1 to 100 characters.");
        return greeting;
    }
}
