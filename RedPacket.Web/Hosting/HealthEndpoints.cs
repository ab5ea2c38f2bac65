using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RedPacket.Domain.Persistence;
using StackExchange.Redis;

namespace RedPacket.Web.Hosting;

/// <summary>
/// For balancers and orchestrators: <c>/health/live</c> answers while the process runs; <c>/health/ready</c> also
/// asks MySQL and Redis, and answers 503 while either is down, so a balancer stops sending grabs this node
/// cannot serve.
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<MySqlHealthCheck>("mysql", tags: [Ready], timeout: TimeSpan.FromSeconds(3))
            .AddCheck<RedisHealthCheck>("redis", tags: [Ready], timeout: TimeSpan.FromSeconds(3));
        return builder;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) });
        return app;
    }

    private sealed class MySqlHealthCheck(IDbContextFactory<RedPacketDb> contexts) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                return await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("MySQL refused the connection.");
            }
            catch (Exception e)
            {
                return HealthCheckResult.Unhealthy("MySQL is not answering.", e);
            }
        }
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                var latency = await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:F1} ms");
            }
            catch (Exception e)
            {
                return HealthCheckResult.Unhealthy("Redis is not answering.", e);
            }
        }
    }
}
