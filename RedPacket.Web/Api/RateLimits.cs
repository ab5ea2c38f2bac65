using System.Globalization;
using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace RedPacket.Web.Api;

/// <summary>Configuration section <c>RedPacket:RateLimits</c>: per user, per window.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RedPacket:RateLimits";

    public int GrabsPerWindow { get; set; } = 10;
    public TimeSpan GrabWindow { get; set; } = TimeSpan.FromSeconds(1);
    public int SendsPerWindow { get; set; } = 5;
    public TimeSpan SendWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Chat lines per user: a member flooding the chat would otherwise delay every group's live events.</summary>
    public int ChatPerWindow { get; set; } = 20;
    public TimeSpan ChatWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The budget of one user action (<see cref="UserActionLimiter.Grab"/>, <c>Send</c> or <c>Chat</c>).</summary>
    public (int Limit, TimeSpan Window) Budget(string action) => action switch
    {
        UserActionLimiter.Grab => (GrabsPerWindow, GrabWindow),
        UserActionLimiter.Send => (SendsPerWindow, SendWindow),
        UserActionLimiter.Chat => (ChatPerWindow, ChatWindow),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "No such user action."),
    };

    /// <summary>
    /// Sign-in attempts for one user name from one client address that did not succeed (a success gives its permit
    /// back). Below Identity's lockout threshold, so one address is throttled long before it can lock anybody out.
    /// </summary>
    public int SignInsPerUserPerWindow { get; set; } = 5;

    /// <summary>Sign-in attempts from one client address, whatever the user names, that did not succeed.</summary>
    public int SignInsPerAddressPerWindow { get; set; } = 30;

    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Registrations from one client address (each new user may get demo credit), successful or not.</summary>
    public int RegistrationsPerAddressPerWindow { get; set; } = 10;

    public TimeSpan RegistrationWindow { get; set; } = TimeSpan.FromHours(1);

    public bool IsValid() =>
        new[] { GrabsPerWindow, SendsPerWindow, ChatPerWindow, SignInsPerUserPerWindow, SignInsPerAddressPerWindow, RegistrationsPerAddressPerWindow }.All(n => n > 0)
        && new[] { GrabWindow, SendWindow, ChatWindow, SignInWindow, RegistrationWindow }.All(w => w > TimeSpan.Zero);
}

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

    public static int Seconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    private sealed class Window(long start)
    {
        public long Start = start;
        public int Count;
    }
}

/// <summary>The API side: a refused call is a 429 problem (<c>rate_limited</c>) with Retry-After.</summary>
public sealed class UserRateLimitFilter(string action) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var (allowed, retryAfter) = await http.RequestServices.GetRequiredService<RateLimiting.UserActionGate>()
            .TryAcquireAsync(action, http.User.UserId());
        if (allowed) return await next(context);
        var seconds = UserActionLimiter.Seconds(retryAfter);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return DomainProblemMapping.Problem(DomainProblemMapping.RateLimited, $"Too many requests; try again in {seconds} s.");
    }
}
