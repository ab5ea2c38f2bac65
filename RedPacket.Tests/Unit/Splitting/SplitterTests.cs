using RedPacket.Domain.Packets.Splitting;

namespace RedPacket.Tests.Unit.Splitting;

public sealed class SplitterTests
{
    private static readonly ISecureRandom Random = new CryptoRandom();

    public static TheoryData<string> Strategies => ["gaussian", "doubleMean", "fixed"];

    private static IShareSplitter Splitter(string name) => name switch
    {
        "gaussian" => new GaussianSplitter(Random),
        "doubleMean" => new DoubleMeanSplitter(Random),
        _ => new FixedSplitter(Random),
    };

    private static void AssertValid(IReadOnlyList<long> shares, long total, int count)
    {
        Assert.Equal(count, shares.Count);
        Assert.All(shares, s => Assert.True(s >= 1, $"share {s} < 1 cent for ({total}, {count})"));
        Assert.Equal(total, shares.Sum());
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Split_ThousandsOfRandomTotalsAndCounts_ExactCountAtLeastOneCentSumsToTotal(string strategy)
    {
        var splitter = Splitter(strategy);
        var seeds = new System.Random(20261125);
        for (var i = 0; i < 5_000; i++)
        {
            var count = seeds.Next(1, 101);
            var total = seeds.NextInt64(count, 20_001);
            AssertValid(splitter.Split(total, count), total, count);
        }
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Split_Edges_Valid(string strategy)
    {
        var splitter = Splitter(strategy);
        foreach (var (total, count) in new[] { (1L, 1), (100L, 100), (20_000L, 1), (20_000L, 100), (101L, 100), (10_000_000_000L, 100), (long.MaxValue / 2, 7) })
            AssertValid(splitter.Split(total, count), total, count);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Split_TotalEqualsCount_EveryShareOneCent(string strategy) =>
        Assert.All(Splitter(strategy).Split(50, 50), s => Assert.Equal(1, s));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Split_CountZeroOrTotalBelowCount_Throws(string strategy)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Splitter(strategy).Split(10, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Splitter(strategy).Split(9, 10));
    }

    [Fact]
    public void Fixed_AnySplit_SharesDifferByAtMostOneCent()
    {
        var seeds = new System.Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            var count = seeds.Next(1, 101);
            var total = seeds.NextInt64(count, 20_001);
            var shares = new FixedSplitter(Random).Split(total, count);
            Assert.True(shares.Max() - shares.Min() <= 1);
        }
    }

    [Theory]
    [InlineData("gaussian")]
    [InlineData("doubleMean")]
    public void Split_ManyTimes_EveryPositionAveragesTotalOverCountWithin3Percent(string strategy)
    {
        const int runs = 20_000, count = 10;
        const long total = 10_000;
        var splitter = Splitter(strategy);
        var sums = new double[count];
        for (var r = 0; r < runs; r++)
        {
            var shares = splitter.Split(total, count);
            for (var p = 0; p < count; p++) sums[p] += shares[p];
        }
        var expected = (double)total / count;
        for (var p = 0; p < count; p++)
            Assert.InRange(sums[p] / runs, expected * 0.97, expected * 1.03);
    }

    [Theory]
    [InlineData("gaussian")]
    [InlineData("doubleMean")]
    public void Split_Lucky_SharesActuallyVary(string strategy)
    {
        var distinct = Enumerable.Range(0, 20).SelectMany(_ => Splitter(strategy).Split(10_000, 10)).Distinct().Count();
        Assert.True(distinct > 20, $"only {distinct} distinct share sizes");
    }

    [Fact]
    public void CryptoRandom_Draws_StayInRange()
    {
        for (var i = 0; i < 10_000; i++)
        {
            Assert.InRange(Random.NextDouble(), 0.0, 0.9999999999999999);
            Assert.InRange(Random.NextInt64(-3, 4), -3, 3);
        }
        Assert.Equal(5, Random.NextInt64(5, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => Random.NextInt64(5, 5));
    }
}
