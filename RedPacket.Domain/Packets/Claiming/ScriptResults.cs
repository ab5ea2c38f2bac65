namespace RedPacket.Domain.Packets.Claiming;

/// <summary>What the load script did. Only a missing state key is loaded, so a late load never resurrects a share.</summary>
public enum LoadResult { Loaded, AlreadyThere }

/// <summary>What undoing a claim whose settle did not commit did.</summary>
public enum ReleaseResult
{
    /// <summary>The user holds no claim, or another share: nothing changed.</summary>
    NotHeld,
    /// <summary>The claim is gone; the packet is closed (or unknown), so the share did not go back.</summary>
    Dropped,
    /// <summary>The claim is gone and the share is back in the list for somebody else.</summary>
    Requeued,
}

/// <summary>What repairing a second share handed to a user MySQL already paid did.</summary>
public enum RepairResult
{
    /// <summary>Redis does not know the packet: nothing to repair (the next grab rebuilds it).</summary>
    Missing,
    /// <summary>The user's claim is the share MySQL holds; the packet is closed, so the other share stays out.</summary>
    KeptClosed,
    /// <summary>The user's claim is the share MySQL holds, and the other share is back in the list.</summary>
    Requeued,
}

/// <summary>What dropping a claim MySQL refused did.</summary>
public enum ForgetResult { NotHeld, Forgotten }
