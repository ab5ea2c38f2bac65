namespace RedPacket.Domain.Packets.Splitting;

/// <summary>
/// The original design's method: every share gets one cent, and the rest is divided by weights drawn
/// from a normal distribution (mean 1, sigma <see cref="Sigma"/>, truncated to (0, 2]), in integer
/// cents by largest remainder, then shuffled.
/// </summary>
public sealed class GaussianSplitter(ISecureRandom random) : IShareSplitter
{
    /// <summary>Spread of the weights around their mean of 1.</summary>
    public const double Sigma = 0.5;

    public string Name => "gaussian";

    public IReadOnlyList<long> Split(long totalCents, int count)
    {
        SplitGuard.Check(totalCents, count);
        var rest = totalCents - count;
        var weights = new double[count];
        for (var i = 0; i < count; i++) weights[i] = TruncatedNormalWeight();
        var weightSum = weights.Sum();

        // Floor of each exact portion, then the cents lost to flooring go to the largest remainders:
        // integer arithmetic decides the money, the doubles only the proportions.
        var shares = new long[count];
        var fractions = new (double Fraction, int Index)[count];
        long given = 0;
        for (var i = 0; i < count; i++)
        {
            var exact = (double)rest * weights[i] / weightSum;
            var whole = Math.Min((long)Math.Floor(exact), rest - given);
            shares[i] = 1 + whole;
            given += whole;
            fractions[i] = (exact - whole, i);
        }
        var missing = rest - given;
        foreach (var (_, index) in fractions.OrderByDescending(f => f.Fraction).Take((int)Math.Min(missing, count)))
        {
            shares[index]++;
            missing--;
        }
        // Only with absurd totals (beyond double precision) can cents remain; they go round-robin.
        for (var i = 0; missing > 0; i = (i + 1) % count, missing--) shares[i]++;
        return Shuffle.InPlace(shares, random);
    }

    private double TruncatedNormalWeight()
    {
        while (true)
        {
            // Box–Muller; 1 - u keeps the logarithm's argument in (0, 1].
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            var w = 1.0 + Sigma * z;
            if (w > 0 && w <= 2) return w;
        }
    }
}
