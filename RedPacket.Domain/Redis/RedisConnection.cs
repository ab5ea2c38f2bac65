using Microsoft.Extensions.DependencyInjection;
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
        return services;
    }
}
