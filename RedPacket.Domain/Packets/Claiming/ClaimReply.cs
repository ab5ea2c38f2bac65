namespace RedPacket.Domain.Packets.Claiming;

/// <summary>What the claim script answered.</summary>
public enum ClaimReplyKind
{
    /// <summary>A share was popped for this user just now.</summary>
    Claimed,
    /// <summary>This user claimed before and MySQL may not have committed it yet: the same share, to be settled.</summary>
    AlreadyClaimed,
    /// <summary>This user claimed before and MySQL committed it: Redis alone answers.</summary>
    Settled,
    SoldOut,
    /// <summary>The refund job closed the packet.</summary>
    Closed,
    /// <summary>Redis does not know the packet (flushed, evicted, never loaded): rebuild from MySQL.</summary>
    Missing,
}

/// <summary>The claim script's answer; <see cref="SharesLeft"/> is how many shares Redis still holds to hand out.</summary>
public readonly record struct ClaimReply(ClaimReplyKind Kind, ShareToken? Share = null, int SharesLeft = 0);
