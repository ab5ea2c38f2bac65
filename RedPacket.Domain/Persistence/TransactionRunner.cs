using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using RedPacket.Domain.Observability;

namespace RedPacket.Domain.Persistence;

/// <summary>
/// Runs a unit of work in one transaction on a fresh context and retries it whole on the
/// errors that mean "roll back and try again": deadlock (1213), lock wait timeout (1205),
/// MariaDB's snapshot conflict (1020) and a lost optimistic-concurrency race.
/// EF's execution strategy does not count 1020 as transient, and a fresh context per attempt
/// means no half-applied tracked state survives a retry.
/// <para>
/// Transactions run at READ COMMITTED. Every money move is guarded by explicit row locks (the packet row,
/// then shares, then accounts) and conditional updates, never by REPEATABLE READ's snapshot or gap locks; and
/// those gap locks are what made two batches of neighbouring packets deadlock (a lookup of "shares held by these
/// users" locks the index gap that the other batch's claim must insert into). READ COMMITTED takes record locks
/// only. (Binary logging must then be row-based or mixed, which MariaDB's default is.)
/// </para>
/// </summary>
public sealed class TransactionRunner(IDbContextFactory<RedPacketDb> contexts, RedPacketMetrics metrics, ILogger<TransactionRunner> log)
{
    internal const int MaxAttempts = 5;
    private static readonly int[] RetryableErrors = [1213, 1205, 1020];

    public async Task<T> RunAsync<T>(Func<RedPacketDb, CancellationToken, Task<T>> work, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            try
            {
                await using var tx = await StaleConnections.BeginTransactionAsync(db, System.Data.IsolationLevel.ReadCommitted, ct);
                var result = await work(db, ct);
                await tx.CommitAsync(ct);
                return result;
            }
            catch (Exception e) when (attempt < MaxAttempts && IsRetryable(e))
            {
                var error = ErrorNumberOf(e);
                metrics.Retried(error);
                log.LogWarning("Transaction attempt {Attempt} rolled back (MySQL error {Error}: {Reason}); retrying it whole",
                    attempt, error, e.GetBaseException().Message);
                // Jittered back-off so two deadlock victims do not collide again in lockstep.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * attempt), ct);
            }
        }
    }

    public Task RunAsync(Func<RedPacketDb, CancellationToken, Task> work, CancellationToken ct = default) =>
        RunAsync<bool>(async (db, c) => { await work(db, c); return true; }, ct);

    internal static bool IsRetryable(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is DbUpdateConcurrencyException) return true;
            if (x is MySqlException m && RetryableErrors.Contains(m.Number)) return true;
        }
        return false;
    }

    /// <summary>The MySQL error number behind a retryable failure; 0 for a lost optimistic-concurrency race.</summary>
    internal static int ErrorNumberOf(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is MySqlException m) return m.Number;
        return 0;
    }

    internal static bool IsDuplicateKey(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is MySqlException { Number: 1062 }) return true;
        return false;
    }
}
