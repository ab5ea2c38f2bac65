namespace RedPacket.Domain.Packets.Claiming;

/// <summary>What the claim script answered.</summary>
public enum ClaimReplyKind
{
    /// <summary>A share was popped for this user just now.</summary>
    Claimed,
    /// <summary>This user claimed before; the same share again.</summary>
    AlreadyClaimed,
    SoldOut,
    /// <summary>The refund job closed the packet.</summary>
    Closed,
    /// <summary>Redis does not know the packet (flushed, evicted, never loaded): rebuild from MySQL.</summary>
    Missing,
}

public readonly record struct ClaimReply(ClaimReplyKind Kind, ShareToken? Share = null);
