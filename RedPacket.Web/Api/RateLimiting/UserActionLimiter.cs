using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace RedPacket.Web.Api.RateLimiting;

/// <summary>
/// Per-user budgets for grab and send, one per user and action, shared by the API and the pages
/// (a tap in the browser and a call to the API draw on the same budget). A fixed window per (action, user):
/// one dictionary lookup and a short lock per call. (System.Threading.RateLimiting's partitioned limiter
/// scans every partition ten times a second; with tens of thousands of users in a storm that scan alone
/// cost a few percent of the CPU.) Windows idle for a while are swept away now and then.
/// </summary>
public sealed class UserActionLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    public const string Grab = "grab";
    public const string Send = "send";
    public const string Chat = "chat";

    private const int SweepEvery = 100_000;
    private readonly ConcurrentDictionary<(string Action, string User), Window> _windows = new();
    private int _calls;

    /// <summary>Takes one permit, or says how long to wait for the next.</summary>
    public bool TryAcquire(string action, string userId, out TimeSpan retryAfter)
    {
        var o = options.Value;
        var (limit, length) = o.Budget(action);
        var now = Environment.TickCount64;
        var window = _windows.GetOrAdd((action, userId), static (_, at) => new Window(at), now);
        bool granted;
        lock (window)
        {
            if (now - window.Start >= (long)length.TotalMilliseconds) (window.Start, window.Count) = (now, 0);
            granted = window.Count < limit;
            if (granted) window.Count++;
            retryAfter = granted ? TimeSpan.Zero : TimeSpan.FromMilliseconds(window.Start + (long)length.TotalMilliseconds - now);
        }
        if (Interlocked.Increment(ref _calls) % SweepEvery == 0) Sweep(now);
        return granted;
    }

    private void Sweep(long now)
    {
        var o = options.Value;
        var keep = (long)new[] { o.GrabWindow, o.SendWindow, o.ChatWindow }.Max().TotalMilliseconds;
        foreach (var (key, window) in _windows)
            if (now - Volatile.Read(ref window.Start) > keep) _windows.TryRemove(KeyValuePair.Create(key, window));
    }

    public void Dispose() => _windows.Clear();

    private sealed class Window(long start)
    {
        public long Start = start;
        public int Count;
    }
}
