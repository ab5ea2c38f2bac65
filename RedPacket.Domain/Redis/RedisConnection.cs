using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace RedPacket.Domain.Redis;

internal static class RedisConnection
{
    /// <summary>
    /// One multiplexer for the app. <c>AbortOnConnectFail = false</c>: when Redis is down at start-up, or goes away
    /// later, the multiplexer keeps reconnecting in the background instead of failing every caller for good.
    /// </summary>
    public static IServiceCollection AddRedis(this IServiceCollection services, string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        services.AddHostedService<Warmup>();
        return services;
    }

    /// <summary>
    /// Connects while the host starts, before the first request: a connect made by the first of thousands of
    /// concurrent requests blocks thread-pool threads, and the others starve behind it.
    /// </summary>
    private sealed class Warmup(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken ct)
        {
            services.GetRequiredService<IConnectionMultiplexer>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
