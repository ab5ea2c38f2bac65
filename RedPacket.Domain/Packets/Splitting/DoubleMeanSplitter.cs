namespace RedPacket.Domain.Packets.Splitting;

/// <summary>
/// WeChat's "double mean": each share is uniform in [1, 2 × the mean of what is left], the last takes
/// the rest. Shuffled afterwards, because unshuffled the later positions are systematically different.
/// </summary>
public sealed class DoubleMeanSplitter(ISecureRandom random) : IShareSplitter
{
    public string Name => "doubleMean";

    public IReadOnlyList<long> Split(long totalCents, int count)
    {
        SplitGuard.Check(totalCents, count);
        var shares = new long[count];
        var left = totalCents;
        for (var i = 0; i < count - 1; i++)
        {
            var sharesLeft = count - i;
            // Up to twice the mean of what is left, and never so much that a later share gets nothing.
            var max = Math.Min(2 * (left / sharesLeft), left - (sharesLeft - 1));
            shares[i] = max <= 1 ? 1 : random.NextInt64(1, max + 1);
            left -= shares[i];
        }
        shares[^1] = left;
        return Shuffle.InPlace(shares, random);
    }
}
