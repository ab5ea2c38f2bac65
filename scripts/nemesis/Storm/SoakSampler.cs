using System.Diagnostics;
using System.Globalization;

namespace Storm;

/// <summary>One row of the soak's samples file.</summary>
/// <summary>One row of the soak's samples file. <see cref="LiveMb"/> is NaN in the samples that did not measure it.</summary>
public sealed record SoakSample(double Minute, double Rps, double P50Ms, double P99Ms, double RssMb, double HeapMb, double CommittedMb,
    int ErrorLogs, int Failures, int HubConnected, long HubEvents, string Statuses, double LiveMb = double.NaN)
{
    public const string Header = "minute\trps\tp50_ms\tp99_ms\trss_mb\theap_mb\tgc_committed_mb\terror_logs\tfailures\thub_connected\thub_events\tstatuses\tlive_heap_mb";

    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"{Minute:F2}\t{Rps:F0}\t{P50Ms:F1}\t{P99Ms:F1}\t{RssMb:F1}\t{HeapMb:F1}\t{CommittedMb:F1}\t{ErrorLogs}\t{Failures}\t{HubConnected}\t{HubEvents}\t{Statuses}\t{(double.IsNaN(LiveMb) ? "NaN" : LiveMb.ToString("F1", CultureInfo.InvariantCulture))}");
}

/// <summary>
/// Every 10 s: the answers of the last 10 s (rate, p50, p99), the app's resident memory (<c>/proc/PID/status</c>
/// VmRSS), its GC heap after the last collection (the sum over generations of
/// <c>dotnet_gc_last_collection_heap_size_bytes</c> on <c>/metrics</c>) and the GC's committed memory, and the
/// Error lines its log has grown by (<c>fail:</c>/<c>crit:</c>, cumulative). Once a minute also the live heap: what is
/// left after a full, compacting collection (<c>GET /api/bench/heap</c>). "After the last collection" counts gen2
/// garbage not collected yet, which server GC lets pile up for many minutes; only the live heap tells a leak.
/// </summary>
public sealed class SoakSampler(Options o, SoakStats stats, Stopwatch clock)
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(10);
    private readonly int _pid = o.Int("app-pid", 0);
    private readonly string _log = o.Text("log", "");
    private readonly string _samplesPath = o.Text("samples");
    private readonly HttpClient _metrics = new() { BaseAddress = new Uri(o.Text("node")), Timeout = TimeSpan.FromSeconds(5) };
    private long _logOffset;
    private int _errorLogs;
    private int _taken;

    public List<SoakSample> Samples { get; } = [];

    public async Task RunAsync(TimeSpan length)
    {
        await using var file = new StreamWriter(_samplesPath) { AutoFlush = true };
        await file.WriteLineAsync(SoakSample.Header);
        var last = clock.Elapsed;
        stats.Take(); // start the first window now
        while (clock.Elapsed < length)
        {
            var due = last + Every - clock.Elapsed;
            if (due > TimeSpan.Zero) await Task.Delay(due);
            var now = clock.Elapsed;
            var (count, p50, p99, statuses, failures, hubEvents) = stats.Take();
            var (heap, committed) = await GcHeapAsync();
            var live = ++_taken % 6 == 0 ? await LiveHeapAsync() : double.NaN;
            var sample = new SoakSample(now.TotalMinutes, count / (now - last).TotalSeconds, p50, p99, RssMb(), heap, committed,
                CountErrorLogs(), failures, Volatile.Read(ref stats.HubConnected), hubEvents, statuses, live);
            last = now;
            Samples.Add(sample);
            await file.WriteLineAsync(sample.ToLine());
            Console.Error.WriteLine($"[soak] {sample.Minute:F1} min: {sample.Rps:F0} req/s, p99 {sample.P99Ms:F1} ms, rss {sample.RssMb:F0} MB, " +
                $"heap {sample.HeapMb:F0} MB, error logs {sample.ErrorLogs}, hub {sample.HubConnected} connected, {statuses}");
        }
    }

    private double RssMb()
    {
        if (_pid == 0) return 0;
        try
        {
            var line = File.ReadLines($"/proc/{_pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return 0; // the app is gone: the verdict will see zeros
        }
    }

    private async Task<double> LiveHeapAsync()
    {
        try
        {
            return double.Parse(await _metrics.GetStringAsync("/api/bench/heap"), CultureInfo.InvariantCulture) / 1048576;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return double.NaN;
        }
    }

    private async Task<(double Heap, double Committed)> GcHeapAsync()
    {
        try
        {
            var text = await _metrics.GetStringAsync("/metrics");
            double heap = 0, committed = 0;
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith("dotnet_gc_last_collection_heap_size_bytes{", StringComparison.Ordinal)) heap += Value(line);
                else if (line.StartsWith("dotnet_gc_last_collection_memory_committed_size_bytes{", StringComparison.Ordinal)) committed += Value(line);
            }
            return (heap / 1048576, committed / 1048576);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (0, 0);
        }
        static double Value(string line) => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    private int CountErrorLogs()
    {
        if (_log.Length == 0 || !File.Exists(_log)) return _errorLogs;
        using var stream = new FileStream(_log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(_logOffset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
            if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)) _errorLogs++;
        _logOffset = stream.Position;
        return _errorLogs;
    }
}
