namespace RedPacket.Domain.Packets.Splitting;

/// <summary>An even split; the leftover cents go one each to randomly chosen shares.</summary>
public sealed class FixedSplitter(ISecureRandom random) : IShareSplitter
{
    public string Name => "fixed";

    public IReadOnlyList<long> Split(long totalCents, int count)
    {
        SplitGuard.Check(totalCents, count);
        var shares = new long[count];
        var leftover = totalCents % count;
        for (var i = 0; i < count; i++) shares[i] = totalCents / count + (i < leftover ? 1 : 0);
        return Shuffle.InPlace(shares, random);
    }
}
