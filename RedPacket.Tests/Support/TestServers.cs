using MySqlConnector;

namespace RedPacket.Tests.Support;

/// <summary>
/// Where the real MariaDB and Redis that scripts/test.sh starts are: from the same environment
/// variables the app reads, else the project's own loopback ports.
/// </summary>
public static class TestServers
{
    public static string MySqlServer =>
        Environment.GetEnvironmentVariable("ConnectionStrings__MySql")
        ?? "Server=127.0.0.1;Port=3310;User ID=root;Password=;Database=redpacket";

    public static string Redis => Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:6390";

    /// <summary>The 3-master Redis Cluster scripts/services.sh starts beside <see cref="Redis"/>, as seed endpoints.</summary>
    public static string RedisCluster => Environment.GetEnvironmentVariable("RP_REDIS_CLUSTER")
        ?? "127.0.0.1:6391,127.0.0.1:6392,127.0.0.1:6393";

    /// <summary>A connection string for a database of the caller's own.</summary>
    public static string MySqlDatabase(string database) =>
        new MySqlConnectionStringBuilder(MySqlServer) { Database = database, MaximumPoolSize = 150 }.ConnectionString;

    public static string UniqueName(string prefix) =>
        $"{prefix}_{Guid.NewGuid().ToString("N")[..10]}".ToLowerInvariant();

    /// <summary>
    /// Deletes a test's Redis keys (its own prefix), leaving everybody else's alone. Every primary is scanned: on a
    /// Redis Cluster each holds only its own slots' keys (one server is the whole keyspace otherwise).
    /// </summary>
    public static async Task DeleteRedisKeysAsync(StackExchange.Redis.IConnectionMultiplexer redis, int database, string prefix)
    {
        foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
            await foreach (var key in server.KeysAsync(database, prefix + "*"))
                await redis.GetDatabase(database).KeyDeleteAsync(key);
    }

    public static async Task DropDatabaseAsync(string database)
    {
        await using var conn = new MySqlConnection(new MySqlConnectionStringBuilder(MySqlServer) { Database = "" }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new MySqlCommand($"DROP DATABASE IF EXISTS `{database}`", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
