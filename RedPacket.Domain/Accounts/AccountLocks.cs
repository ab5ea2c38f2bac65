using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Accounts;

internal static class AccountLocks
{
    /// <summary>Reads the account and holds its row lock until the transaction ends.</summary>
    public static Task<Account?> LockAsync(this RedPacketDb db, string userId, CancellationToken ct) =>
        db.Set<Account>()
            .FromSqlInterpolated($"SELECT * FROM accounts WHERE UserId = {userId} FOR UPDATE")
            .SingleOrDefaultAsync(ct);
}
