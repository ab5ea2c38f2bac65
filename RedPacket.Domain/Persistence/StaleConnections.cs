using System.Data;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MySqlConnector;

namespace RedPacket.Domain.Persistence;

/// <summary>
/// Pooled connections that died while they sat in the pool (MariaDB restarted, a link dropped). The pool does not check a
/// connection before handing it out (<c>ConnectionReset=false</c> saves that round trip on every transaction), so the
/// first command on a dead one fails, having done nothing. Such a failure empties the pool of its other dead connections
/// and the work is asked again on a fresh one: a fault that has healed never reaches a user.
/// <para>
/// Retried: reads and saves outside a transaction (<see cref="RetryStrategy"/>), and the <c>BEGIN</c> of a transaction
/// (<see cref="BeginTransactionAsync"/>), the first command on its connection. Never retried: a failure inside a begun
/// transaction, whose commit may or may not have happened; <see cref="TransactionRunner"/>'s callers decide that.
/// </para>
/// </summary>
public static class StaleConnections
{
    private const int MaxTries = 3;

    /// <summary>The connection broke under the command (not "cannot connect": that is an outage, answered with 503).</summary>
    public static bool IsBroken(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is EndOfStreamException or IOException or SocketException) return true;
        return false;
    }

    /// <summary>Drops every idle pooled connection (dead ones with them); connections in use are dropped when returned.</summary>
    public static void ForgetPooled() => MySqlConnection.ClearAllPools();

    /// <summary>Begins a transaction; a pooled connection found dead at the <c>BEGIN</c> is replaced and the <c>BEGIN</c> sent again.</summary>
    public static async Task<IDbContextTransaction> BeginTransactionAsync(RedPacketDb db, IsolationLevel isolation, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.Database.BeginTransactionAsync(isolation, ct);
            }
            catch (Exception e) when (attempt < MaxTries && IsBroken(e))
            {
                ForgetPooled();
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>
    /// EF's execution strategy for every context: a query or a save outside a transaction that met a dead pooled
    /// connection runs again on a fresh one. Inside a transaction it never retries (the transaction is gone with its
    /// connection), and it allows the transactions <see cref="TransactionRunner"/> begins itself.
    /// </summary>
    public sealed class RetryStrategy(ExecutionStrategyDependencies dependencies)
        : ExecutionStrategy(dependencies, MaxTries - 1, TimeSpan.FromMilliseconds(50))
    {
        protected override bool ShouldRetryOn(Exception exception)
        {
            if (Dependencies.CurrentContext.Context.Database.CurrentTransaction is not null || !IsBroken(exception)) return false;
            ForgetPooled();
            return true;
        }

        protected override TimeSpan? GetNextDelay(Exception lastException) =>
            ExceptionsEncountered.Count < MaxRetryCount + 1 ? TimeSpan.FromMilliseconds(5 * ExceptionsEncountered.Count) : null;

        // The base refuses to run inside a transaction the caller began; here that is allowed, and simply not retried.
        protected override void OnFirstExecution() => ExceptionsEncountered.Clear();
    }
}
