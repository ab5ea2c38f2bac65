using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Accounts;

/// <summary>An account's row id and its user's name: neither changes once the account exists.</summary>
public readonly record struct AccountRef(long Id, string UserName);

/// <summary>
/// Which account (row id, and the user's name) belongs to which user. The pair never changes once the account
/// exists, so it is kept in memory: a settle batch needs the ids to lock and credit its receivers in ascending id
/// order, and the names to tell each packet's sender who opened it; looking them up again for every batch was a
/// round trip of its own.
/// </summary>
public sealed class AccountDirectory(IMemoryCache cache)
{
    private static readonly MemoryCacheEntryOptions Keep = new() { SlidingExpiration = TimeSpan.FromMinutes(30), Size = 1 };

    /// <summary>The accounts of these users; a user without an account is simply missing from the answer.</summary>
    public async Task<IReadOnlyDictionary<string, AccountRef>> AccountsOfAsync(RedPacketDb db, IReadOnlyCollection<string> userIds,
        CancellationToken ct)
    {
        var found = new Dictionary<string, AccountRef>(userIds.Count);
        var unknown = new List<string>();
        foreach (var user in userIds)
            if (cache.TryGetValue(("account", user), out AccountRef account)) found[user] = account;
            else unknown.Add(user);
        if (unknown.Count == 0) return found;
        foreach (var a in await db.Set<Account>().AsNoTracking().Where(a => unknown.Contains(a.UserId))
                     .Select(a => new { a.UserId, a.Id, a.UserName }).ToListAsync(ct))
        {
            found[a.UserId] = new AccountRef(a.Id, a.UserName);
            cache.Set(("account", a.UserId), found[a.UserId], Keep);
        }
        return found;
    }
}
