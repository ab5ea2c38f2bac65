using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace RedPacket.Domain.Persistence;

/// <summary>
/// Contexts for the pages that only list what already happened (records, packet detail, refund history), on the MySQL
/// read replica of <c>ConnectionStrings:MySqlReplica</c>; without that setting, on the primary. A replica runs behind the
/// primary (usually well under a second), so nothing that moves money, checks a rule or runs in a transaction reads
/// here: balances, grabs, sends, refunds and membership checks stay on the primary's factory.
/// </summary>
public sealed class ReplicaDbContextFactory(IDbContextFactory<RedPacketDb> replicaOrPrimary, IDbContextFactory<RedPacketDb> primary,
    bool usesReplica)
{
    /// <summary>Whether a replica is configured (false: these reads go to the primary).</summary>
    public bool UsesReplica { get; } = usesReplica;

    public Task<RedPacketDb> CreateDbContextAsync(CancellationToken ct = default) => replicaOrPrimary.CreateDbContextAsync(ct);

    /// <summary>
    /// The primary, for a read that found nothing on the replica: a row the user was just told exists (a 201's
    /// <c>Location</c>) may not have reached the replica yet, and "not found" must never be the replica's lag.
    /// </summary>
    public Task<RedPacketDb> CreatePrimaryDbContextAsync(CancellationToken ct = default) => primary.CreateDbContextAsync(ct);

    /// <summary>Options for the replica: no tracking (nothing is saved), and a save throws.</summary>
    internal static DbContextOptions<RedPacketDb> ReplicaOptions(string connectionString, ServerVersion serverVersion,
        IEnumerable<IInterceptor> interceptors) =>
        new DbContextOptionsBuilder<RedPacketDb>()
            .UseMySql(connectionString, serverVersion, my => my.MigrationsAssembly(typeof(RedPacketDb).Assembly.GetName().Name)
                .ExecutionStrategy(d => new StaleConnections.RetryStrategy(d)))
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .AddInterceptors([.. interceptors, new ReadOnlyGuard()])
            .Options;

    internal static ReplicaDbContextFactory Create(string? replicaConnectionString, ServerVersion serverVersion,
        IDbContextFactory<RedPacketDb> primary, IEnumerable<IInterceptor> interceptors) =>
        replicaConnectionString is null
            ? new(primary, primary, usesReplica: false)
            : new(new PooledDbContextFactory<RedPacketDb>(ReplicaOptions(replicaConnectionString, serverVersion, interceptors)),
                primary, usesReplica: true);

    /// <summary>A write to the replica would be lost at best (or break replication): refused before it is sent.</summary>
    private sealed class ReadOnlyGuard : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The read replica is read-only: save through the primary's factory.");

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
            throw new InvalidOperationException("The read replica is read-only: save through the primary's factory.");
    }
}
