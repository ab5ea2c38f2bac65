using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace RedPacket.Web.Api;

/// <summary>Configuration section <c>RedPacket:RateLimits</c>: per user, per window.</summary>
public sealed class RateLimitOptions
{
    public int GrabsPerWindow { get; set; } = 10;
    public TimeSpan GrabWindow { get; set; } = TimeSpan.FromSeconds(1);
    public int SendsPerWindow { get; set; } = 5;
    public TimeSpan SendWindow { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Per-user budgets for grab and send, one per user and action, shared by the API and the pages
/// (a tap in the browser and a call to the API draw on the same budget).
/// </summary>
public sealed class UserActionLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    public const string Grab = "grab";
    public const string Send = "send";

    private readonly PartitionedRateLimiter<(string Action, string User)> _limiter =
        PartitionedRateLimiter.Create<(string Action, string User), (string Action, string User)>(key =>
            RateLimitPartition.GetFixedWindowLimiter(key, k => new FixedWindowRateLimiterOptions
            {
                PermitLimit = k.Action == Grab ? options.Value.GrabsPerWindow : options.Value.SendsPerWindow,
                Window = k.Action == Grab ? options.Value.GrabWindow : options.Value.SendWindow,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    /// <summary>Takes one permit, or says how long to wait for the next.</summary>
    public bool TryAcquire(string action, string userId, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire((action, userId));
        retryAfter = lease.IsAcquired ? TimeSpan.Zero
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();

    public static int Seconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
}

/// <summary>The API side: a refused call is a 429 problem (<c>rate_limited</c>) with Retry-After.</summary>
public sealed class UserRateLimitFilter(string action) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limiter = http.RequestServices.GetRequiredService<UserActionLimiter>();
        if (limiter.TryAcquire(action, http.User.UserId(), out var retryAfter)) return await next(context);
        var seconds = UserActionLimiter.Seconds(retryAfter);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return DomainProblemMapping.Problem(DomainProblemMapping.RateLimited, $"Too many requests; try again in {seconds} s.");
    }
}
