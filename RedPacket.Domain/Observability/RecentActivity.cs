namespace RedPacket.Domain.Observability;

/// <summary>
/// This node's last hour, minute by minute: grabs answered, and how long settling a claim took (the wait from the pop
/// in Redis to the commit, as a grab sees it), for the admin dashboard's charts. Lock-free counters in 60 slots of a
/// minute each, on the node's monotonic clock; durations go into 48 buckets growing by a quarter, from 0.1 ms, so a
/// percentile is read from counts without keeping samples. Each node counts its own; the dashboard says so.
/// </summary>
public sealed class RecentActivity
{
    public const int Minutes = 60;
    private const int Buckets = 48;
    private const double FirstBucketMs = 0.1, Growth = 1.25;

    private readonly long[] _minuteOf = new long[Minutes];
    private readonly long[] _grabs = new long[Minutes];
    private readonly long[,] _settle = new long[Minutes, Buckets];
    private readonly Func<long> _now;

    public RecentActivity() : this(() => Environment.TickCount64) { }

    /// <summary>For tests: a clock in milliseconds.</summary>
    public RecentActivity(Func<long> millisecondClock) => _now = millisecondClock;

    public void Grabbed() => Interlocked.Increment(ref _grabs[Slot()]);

    public void Settled(TimeSpan took)
    {
        var bucket = took.TotalMilliseconds <= FirstBucketMs ? 0
            : Math.Min(Buckets - 1, (int)Math.Ceiling(Math.Log(took.TotalMilliseconds / FirstBucketMs, Growth)));
        Interlocked.Increment(ref _settle[Slot(), bucket]);
    }

    /// <summary>The last <see cref="Minutes"/> minutes, oldest first: grabs in each, and the p99 settle time (ms; 0 with no settle).</summary>
    public IReadOnlyList<(int MinutesAgo, long Grabs, double SettleP99Ms)> LastHour()
    {
        var current = _now() / 60_000;
        var result = new List<(int, long, double)>(Minutes);
        for (var ago = Minutes - 1; ago >= 0; ago--)
        {
            var minute = current - ago;
            // Before the clock's first hour (a node up less than an hour after boot) the early minutes are empty.
            var i = (int)(((minute % Minutes) + Minutes) % Minutes);
            var fresh = minute >= 0 && Volatile.Read(ref _minuteOf[i]) == minute;
            result.Add((ago, fresh ? Volatile.Read(ref _grabs[i]) : 0, fresh ? P99(i) : 0));
        }
        return result;
    }

    private double P99(int slot)
    {
        var counts = Enumerable.Range(0, Buckets).Select(b => Volatile.Read(ref _settle[slot, b])).ToArray();
        var total = counts.Sum();
        if (total == 0) return 0;
        var rank = (long)Math.Ceiling(total * 0.99);
        for (var (b, seen) = (0, 0L); b < Buckets; b++)
            if ((seen += counts[b]) >= rank) return Math.Round(FirstBucketMs * Math.Pow(Growth, b), 2);
        return FirstBucketMs * Math.Pow(Growth, Buckets - 1);
    }

    /// <summary>The slot of this minute, emptied first when it last held an older minute.</summary>
    private int Slot()
    {
        var minute = _now() / 60_000;
        var i = (int)(minute % Minutes);
        var held = Volatile.Read(ref _minuteOf[i]);
        if (held != minute && Interlocked.CompareExchange(ref _minuteOf[i], minute, held) == held)
        {
            // The first caller in a new minute clears it; a count racing the clear may be lost, which a chart can bear.
            Interlocked.Exchange(ref _grabs[i], 0);
            for (var b = 0; b < Buckets; b++) Interlocked.Exchange(ref _settle[i, b], 0);
        }
        return i;
    }
}
