using RedPacket.Domain.Packets.Reconciling;

namespace RedPacket.Tests.Support;

public static class ReconcileRounds
{
    /// <summary>A minimum claim age short enough for a test to wait out (the reconciler's default is 10 s).</summary>
    public const string ShortMinAge = "00:00:01";

    /// <summary>
    /// Runs the reconciler round after round until, together, the rounds found <paramref name="abandoned"/> claims, and
    /// returns their sum. A claim counts as abandoned once it is older than the minimum age on Redis's clock, which
    /// scored it: no test clock can age it, so the test waits for real time instead.
    /// </summary>
    public static async Task<ReconcileSummary> UntilAbandonedAsync(this ClaimReconciler reconciler, int abandoned = 1)
    {
        var sum = new ReconcileSummary(0, 0, 0, 0, 0, 0);
        await Eventually.TrueAsync(async () =>
        {
            var round = await reconciler.RunOnceAsync();
            sum = new ReconcileSummary(sum.PacketsScanned + round.PacketsScanned, sum.Abandoned + round.Abandoned,
                sum.Settled + round.Settled, sum.Repaired + round.Repaired, sum.Forgotten + round.Forgotten, sum.Failed + round.Failed);
            return sum.Abandoned >= abandoned;
        }, $"{abandoned} abandoned claim(s) found by the reconciler", TimeSpan.FromSeconds(30));
        return sum;
    }
}
