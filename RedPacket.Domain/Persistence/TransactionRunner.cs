using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace RedPacket.Domain.Persistence;

/// <summary>
/// Runs a unit of work in one transaction on a fresh context and retries it whole on the
/// errors that mean "roll back and try again": deadlock (1213), lock wait timeout (1205),
/// MariaDB's snapshot conflict (1020) and a lost optimistic-concurrency race.
/// EF's execution strategy does not count 1020 as transient, and a fresh context per attempt
/// means no half-applied tracked state survives a retry.
/// </summary>
public sealed class TransactionRunner(IDbContextFactory<RedPacketDb> contexts, ILogger<TransactionRunner> log)
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
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var result = await work(db, ct);
                await tx.CommitAsync(ct);
                return result;
            }
            catch (Exception e) when (attempt < MaxAttempts && IsRetryable(e))
            {
                log.LogInformation("Transaction attempt {Attempt} rolled back ({Reason}); retrying", attempt, e.GetBaseException().Message);
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

    internal static bool IsDuplicateKey(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is MySqlException { Number: 1062 }) return true;
        return false;
    }
}
