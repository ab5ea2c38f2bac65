using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RedPacket.Tests.Support;

/// <summary>
/// Fails chosen SQL commands, to show what a failure at exactly that step does to the money.
/// Armed by a test; idle otherwise.
/// </summary>
public sealed class FaultInjector : DbCommandInterceptor, IDbTransactionInterceptor
{
    private Func<DbCommand, bool>? _matches;
    private int _remaining;
    private int _serverError;

    /// <summary>Raises a real server error of the given number (a stored procedure SIGNALs it; see DomainFixture).</summary>
    public const string FailProcedure = """
        CREATE PROCEDURE rp_test_fail(IN n INT)
        BEGIN
          IF n = 1213 THEN SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213, MESSAGE_TEXT = 'Deadlock found when trying to get lock (injected)';
          ELSEIF n = 1205 THEN SIGNAL SQLSTATE 'HY000' SET MYSQL_ERRNO = 1205, MESSAGE_TEXT = 'Lock wait timeout exceeded (injected)';
          ELSE SIGNAL SQLSTATE 'HY000' SET MYSQL_ERRNO = 1020, MESSAGE_TEXT = 'Record has changed since last read (injected)';
          END IF;
        END
        """;

    public int Injected { get; private set; }

    private long _commands;
    private System.Collections.Concurrent.ConcurrentQueue<(string Sql, IReadOnlyDictionary<string, object?> Parameters)>? _recorded;

    /// <summary>Every SQL command any context of this app has run (a test compares it before and after).</summary>
    public long Commands => Interlocked.Read(ref _commands);

    /// <summary>From now on, keeps the text and parameters (name → value) of every command, in order.</summary>
    public void Record() => _recorded = new();

    public IReadOnlyList<(string Sql, IReadOnlyDictionary<string, object?> Parameters)> Recorded => _recorded?.ToList() ?? [];

    /// <summary>The next <paramref name="times"/> commands matching <paramref name="matches"/> throw.</summary>
    public void FailWhen(Func<DbCommand, bool> matches, int times = 1) => Arm(matches, times, serverError: 0);

    /// <summary>The next matching commands get a real MySQL error (1213, 1205 or 1020) from the server.</summary>
    public void FailWithServerError(Func<DbCommand, bool> matches, int errorNumber, int times = 1) =>
        Arm(matches, times, errorNumber);

    private void Arm(Func<DbCommand, bool> matches, int times, int serverError)
    {
        _matches = matches;
        _serverError = serverError;
        Injected = 0;
        Volatile.Write(ref _remaining, times);
    }

    public void Disarm()
    {
        _before = null;
        _beforeMatches = null;
        Volatile.Write(ref _remaining, 0);
        Volatile.Write(ref _commitsToLose, 0);
    }

    private int _commitsToLose;

    /// <summary>The next commit goes through, and then its reply is "lost": the caller gets an exception.</summary>
    public void LoseReplyOfNextCommit()
    {
        Injected = 0;
        Volatile.Write(ref _commitsToLose, 1);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _commitsToLose, 0, 1) == 1)
        {
            Injected++;
            throw new InjectedFaultException("Injected: the commit went through, its reply was lost.");
        }
        return Task.CompletedTask;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    private Func<DbCommand, bool>? _beforeMatches;
    private Action? _before;

    /// <summary>Once: just before the next command matching <paramref name="matches"/> runs, <paramref name="action"/> runs.</summary>
    public void Before(Func<DbCommand, bool> matches, Action action)
    {
        _before = action;
        _beforeMatches = matches;
    }

    private void Check(DbCommand command)
    {
        if (_beforeMatches is { } when && when(command) && Interlocked.Exchange(ref _before, null) is { } act)
        {
            _beforeMatches = null;
            act();
        }
        Interlocked.Increment(ref _commands);
        _recorded?.Enqueue((command.CommandText, command.Parameters.Cast<DbParameter>().ToDictionary(p => p.ParameterName, p => p.Value)));
        if (Volatile.Read(ref _remaining) <= 0 || _matches is null || !_matches(command)) return;
        if (Interlocked.Decrement(ref _remaining) < 0) return;
        Injected++;
        if (_serverError != 0)
        {
            command.CommandText = $"CALL rp_test_fail({_serverError})";
            return;
        }
        throw new InjectedFaultException($"Injected failure on: {command.CommandText[..Math.Min(80, command.CommandText.Length)]}");
    }
}

public sealed class InjectedFaultException(string message) : DbException(message);
