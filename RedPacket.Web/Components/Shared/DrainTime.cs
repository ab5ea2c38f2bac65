namespace RedPacket.Web.Components.Shared;

/// <summary>
/// "All taken in N": the one rule every screen uses. From the first claim to the last, counted in the whole seconds the
/// claim list shows, so claims listed at 17:33:40 and 17:33:42 read "2 s", never "1 s". A packet of one share has no
/// race to time: null.
/// </summary>
public static class DrainTime
{
    public static TimeSpan? Of(IReadOnlyCollection<DateTimeOffset> claimedAt) =>
        claimedAt.Count < 2 ? null : TimeSpan.FromSeconds(claimedAt.Max().ToUnixTimeSeconds() - claimedAt.Min().ToUnixTimeSeconds());
}
