using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Accounts;

internal static class AccountLocks
{
    /// <summary>
    /// Reads the account and holds its row lock until the transaction ends. Locked through the primary key, like every
    /// other account lock: locking it through the user-id index takes that index's entry first and the row second, and
    /// a transaction that holds the row (locked by id, as the settle and the refund do) and then asks for the index
    /// entry waits in a circle with it (seen in the soak: a send and a refund of the same sender, deadlocked). So the
    /// id is looked up first (it never changes: a plain read) and the row is locked by it.
    /// </summary>
    public static async Task<Account?> LockAsync(this RedPacketDb db, string userId, CancellationToken ct)
    {
        var id = await db.Database.SqlQuery<long>($"SELECT Id AS Value FROM accounts WHERE UserId = {userId}").ToListAsync(ct);
        if (id.Count == 0) return null;
        return await db.Set<Account>().FromSqlInterpolated($"SELECT * FROM accounts WHERE Id = {id[0]} FOR UPDATE").SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// Locks several accounts in ascending id order, the order every transaction that locks more than one account
    /// uses (the settle batch takes them by its crediting UPDATE over ascending ids; the refund with this method),
    /// so two of them never wait on each other in a circle. InnoDB takes row locks in the order it reads the rows, so the ids are looked up first (an
    /// account's id never changes, a plain read is enough) and the rows are then read, and locked, by the
    /// primary key in ascending order; a lookup by user id would lock them in user-id order instead.
    /// </summary>
    public static async Task<List<Account>> LockInIdOrderAsync(this RedPacketDb db, IReadOnlyCollection<string> userIds,
        CancellationToken ct)
    {
        if (userIds.Count == 0) return [];
        var (users, userParameters) = SqlLists.In("u", userIds);
        var lookup = $"SELECT Id AS Value FROM accounts WHERE UserId IN ({users})";
        var ids = await db.Database.SqlQueryRaw<long>(lookup, userParameters).ToListAsync(ct);
        if (ids.Count == 0) return [];
        ids.Sort();
        var (list, parameters) = SqlLists.In("a", ids);
        var sql = $"SELECT * FROM accounts WHERE Id IN ({list}) ORDER BY Id FOR UPDATE";
        // Only the locks are wanted: later reads in the transaction see the rows as they are then.
        return await db.Set<Account>().FromSqlRaw(sql, parameters).AsNoTracking().ToListAsync(ct);
    }
}
