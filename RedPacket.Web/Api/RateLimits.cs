using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace RedPacket.Web.Api;

/// <summary>Configuration section <c>RedPacket:RateLimits</c>: per user, per window.</summary>
public sealed class RateLimitOptions
{
    public int GrabsPerWindow { get; set; } = 10;
    public TimeSpan GrabWindow { get; set; } = TimeSpan.FromSeconds(1);
    public int SendsPerWindow { get; set; } = 5;
    public TimeSpan SendWindow { get; set; } = TimeSpan.FromSeconds(10);
}

public static class RateLimits
{
    public const string Grab = "grab";
    public const string Send = "send";

    /// <summary>Per-user fixed windows on grab and send; a refused call is a 429 problem with Retry-After.</summary>
    public static IServiceCollection AddUserRateLimits(this IServiceCollection services, IConfiguration config)
    {
        var o = config.GetSection("RedPacket:RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        return services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Grab, http => PerUser(http, o.GrabsPerWindow, o.GrabWindow));
            limiter.AddPolicy(Send, http => PerUser(http, o.SendsPerWindow, o.SendWindow));
            limiter.OnRejected = async (ctx, ct) =>
            {
                var retryAfter = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                ctx.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await DomainProblemMapping.Problem(DomainProblemMapping.RateLimited, $"Too many requests; try again in {seconds} s.")
                    .ExecuteAsync(ctx.HttpContext);
            };
        });
    }

    private static RateLimitPartition<string> PerUser(HttpContext http, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(
            http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? http.Connection.RemoteIpAddress?.ToString() ?? "anonymous",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true });
}
