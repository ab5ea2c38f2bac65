using System.Globalization;

namespace Storm;

/// <summary>
/// The soak's running window: every answer's latency and status since the last sample. A sample takes the window
/// and starts a new one, so each row of the samples file describes its own 10 seconds.
/// </summary>
public sealed class SoakStats
{
    private readonly Lock _lock = new();
    private List<double> _latencies = new(200_000);
    private Dictionary<int, int> _statuses = [];
    private long _hubEvents;

    public int HubConnected;
    public long HubConnects;
    public long HubFailures;

    public void Add(int status, double latencyMs)
    {
        lock (_lock)
        {
            _latencies.Add(latencyMs);
            _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
        }
    }

    public void HubEvent() => Interlocked.Increment(ref _hubEvents);

    public (int Count, double P50, double P99, string Statuses, int Failures, long HubEvents) Take()
    {
        List<double> latencies;
        Dictionary<int, int> statuses;
        lock (_lock)
        {
            (latencies, _latencies) = (_latencies, new List<double>(latencies0(_latencies.Count)));
            (statuses, _statuses) = (_statuses, []);
        }
        latencies.Sort();
        double At(double q) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
        var text = string.Join(' ', statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "none" : s.Key.ToString(CultureInfo.InvariantCulture))}:{s.Value}"));
        // A failure is an answer a healthy app never gives: any 5xx, or no answer at all.
        var failures = statuses.Where(s => s.Key == 0 || s.Key >= 500).Sum(s => s.Value);
        return (latencies.Count, At(0.50), At(0.99), text.Length == 0 ? "-" : text, failures, Interlocked.Exchange(ref _hubEvents, 0));
        static int latencies0(int last) => Math.Max(1024, last);
    }
}
