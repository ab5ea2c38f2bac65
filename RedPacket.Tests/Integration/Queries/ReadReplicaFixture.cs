using Microsoft.EntityFrameworkCore;
using MySqlConnector;
using RedPacket.Domain.Persistence;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Queries;

/// <summary>
/// The domain with <c>ConnectionStrings:MySqlReplica</c> on a second database of its own, migrated through the replica
/// factory. Nothing replicates by itself: <see cref="ReplicateAsync"/> copies the primary over, as a replica that has
/// caught up would be, so a test can then change the replica alone and see which reads come from it.
/// </summary>
public sealed class ReadReplicaFixture : DomainFixture, IAsyncLifetime
{
    public string ReplicaDatabase { get; } = TestServers.UniqueName("rp_r");

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("ConnectionStrings:MySqlReplica", TestServers.MySqlDatabase(ReplicaDatabase))];

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = await Get<ReplicaDbContextFactory>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await TestServers.DropDatabaseAsync(ReplicaDatabase);
    }

    /// <summary>Every table of the primary copied to the replica (which is emptied first).</summary>
    public async Task ReplicateAsync()
    {
        await using var conn = new MySqlConnection(TestServers.MySqlDatabase(ReplicaDatabase));
        await conn.OpenAsync();
        var tables = new List<string>();
        await using (var list = new MySqlCommand(
            $"SELECT table_name FROM information_schema.tables WHERE table_schema = '{Database}' AND table_type = 'BASE TABLE' " +
            "AND table_name <> '__EFMigrationsHistory'", conn))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var copy = "SET FOREIGN_KEY_CHECKS = 0;" + string.Concat(tables.Select(t =>
            $"DELETE FROM `{ReplicaDatabase}`.`{t}`; INSERT INTO `{ReplicaDatabase}`.`{t}` SELECT * FROM `{Database}`.`{t}`;"))
            + "SET FOREIGN_KEY_CHECKS = 1;";
        await using var cmd = new MySqlCommand(copy, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Runs SQL on the replica database alone.</summary>
    public async Task OnReplicaAsync(string sql)
    {
        await using var conn = new MySqlConnection(TestServers.MySqlDatabase(ReplicaDatabase));
        await conn.OpenAsync();
        await using var cmd = new MySqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
