using System.Globalization;

namespace Storm;

/// <summary>
/// The soak passes when, over its last 20 minutes (the last two thirds of a shorter run): resident memory and the GC
/// heap grow by at most 5% (the median of the window's first minute of samples against its last minute's: single
/// samples swing with each collection), the p99 stays flat (the median of the 10-s p99s in the window's last five
/// minutes is at most 1.5 times, plus 2 ms, that of its first five: a leak or a growing queue shows as a rising
/// p99, while one slow sample does not move a median), and the log has no Error line and no answer was a 5xx or
/// missing. The books must balance at the end too.
/// </summary>
public static class SoakVerdict
{
    public static async Task<int> JudgeAsync(Options o, List<SoakSample> samples, string url)
    {
        if (samples.Count < 6) { Console.WriteLine("soak: FAIL too few samples"); return 1; }
        var total = samples[^1].Minute;
        var window = Math.Min(20, total * 2 / 3);
        var from = total - window;
        var inWindow = samples.Where(s => s.Minute >= from).ToList();
        var edge = Math.Max(1, window / 20); // one minute of a 20-minute window
        var phase = Math.Max(edge, window / 4); // five minutes of it
        List<SoakSample> First(double minutes) => inWindow.Where(s => s.Minute < from + minutes).ToList();
        List<SoakSample> Last(double minutes) => inWindow.Where(s => s.Minute > total - minutes).ToList();

        var rssGrowth = Growth(Median(First(edge).Select(s => s.RssMb)), Median(Last(edge).Select(s => s.RssMb)));
        // The live heap is measured once a minute: the window's first two and last two measurements.
        var liveFirst = Median(First(2 * edge).Where(s => !double.IsNaN(s.LiveMb)).Select(s => s.LiveMb));
        var liveLast = Median(Last(2 * edge).Where(s => !double.IsNaN(s.LiveMb)).Select(s => s.LiveMb));
        var heapGrowth = Growth(liveFirst, liveLast);
        var afterGcGrowth = Growth(Median(First(edge).Select(s => s.HeapMb)), Median(Last(edge).Select(s => s.HeapMb)));
        var p99First = Median(First(phase).Select(s => s.P99Ms));
        var p99Last = Median(Last(phase).Select(s => s.P99Ms));
        var errorLogs = samples[^1].ErrorLogs;
        var failures = samples.Sum(s => s.Failures);

        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
        var report = await http.GetStringAsync($"/api/bench/report?firstPacket=0&lastPacket={long.MaxValue}");
        var books = report.Contains("consistent=true", StringComparison.Ordinal);

        var checks = new (string Name, bool Ok, string Figure)[]
        {
            ("rss", rssGrowth <= 0.05, $"{Median(First(edge).Select(s => s.RssMb)):F0} -> {Median(Last(edge).Select(s => s.RssMb)):F0} MB ({rssGrowth:+0.0%;-0.0%})"),
            ("heap", heapGrowth <= 0.05, $"live {liveFirst:F1} -> {liveLast:F1} MB ({heapGrowth:+0.0%;-0.0%}); after the last collection {Median(First(edge).Select(s => s.HeapMb)):F0} -> {Median(Last(edge).Select(s => s.HeapMb)):F0} MB ({afterGcGrowth:+0.0%;-0.0%}, not judged)"),
            ("p99", p99Last <= 1.5 * p99First + 2, $"{p99First:F1} -> {p99Last:F1} ms"),
            ("error_logs", errorLogs == 0, errorLogs.ToString(CultureInfo.InvariantCulture)),
            ("failed_answers", failures == 0, failures.ToString(CultureInfo.InvariantCulture)),
            ("books", books, books ? "balance" : report.Trim()),
        };
        var pass = checks.All(c => c.Ok);
        var lines = new List<string>
        {
            $"verdict={(pass ? "PASS" : "FAIL")}",
            string.Create(CultureInfo.InvariantCulture, $"minutes={total:F1}"),
            string.Create(CultureInfo.InvariantCulture, $"window_minutes={window:F1}"),
            string.Create(CultureInfo.InvariantCulture, $"mean_rps={samples.Average(s => s.Rps):F0}"),
            string.Create(CultureInfo.InvariantCulture, $"requests={samples.Sum(s => s.Rps * 10):F0}"),
        };
        lines.AddRange(checks.Select(c => $"{c.Name}={(c.Ok ? "ok" : "FAIL")} {c.Figure}"));
        if (o.Text("verdict", "") is { Length: > 0 } path) await File.WriteAllLinesAsync(path, lines);
        Console.WriteLine($"soak: {(pass ? "PASS" : "FAIL")} " + string.Join("; ", checks.Select(c => $"{c.Name} {(c.Ok ? "ok" : "FAIL")} {c.Figure}")));
        return pass ? 0 : 1;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double Growth(double start, double end) => start <= 0 ? double.PositiveInfinity : end / start - 1;
}
