using MySqlConnector;
using RedPacket.Domain.Persistence;
using StackExchange.Redis;

namespace RedPacket.Web.Api;

/// <summary>
/// Recognises the failures that mean "a dependency (Redis, MySQL) is down or not answering", anywhere in an
/// exception's chain. Those are the server's trouble, not the caller's, and trying again later helps: they answer
/// 503 with Retry-After, never 500.
/// </summary>
public static class DependencyFailures
{
    public static bool IsDependencyDown(Exception exception)
    {
        if (MySqlFaults.IsOutage(exception)) return true;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RedisConnectionException or RedisTimeoutException:
                // Redis says "not now" (loading its data, mid fail-over, a slot migrating, full) after the store's own
                // retries: later works.
                case RedisServerException r when RedPacket.Domain.Redis.RedisFaults.IsPassing(r):
                    return true;
            }
        }
        return false;
    }

    /// <summary>Which dependency an exception speaks of, for the log line: "Redis", "MySQL" or "a dependency".</summary>
    public static string NameOf(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is RedisException) return "Redis";
            if (e is MySqlException) return "MySQL";
        }
        return "a dependency";
    }
}
