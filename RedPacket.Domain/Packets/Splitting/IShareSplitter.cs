namespace RedPacket.Domain.Packets.Splitting;

/// <summary>
/// Splits a total (cents) into shares: exactly <c>count</c> of them, each at least one cent,
/// summing to the total. Callers validate the limits first; this only guards.
/// </summary>
public interface IShareSplitter
{
    /// <summary>"gaussian", "doubleMean" or "fixed" (configuration names).</summary>
    string Name { get; }

    IReadOnlyList<long> Split(long totalCents, int count);
}

internal static class SplitGuard
{
    public static void Check(long totalCents, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(totalCents, count);
    }
}
