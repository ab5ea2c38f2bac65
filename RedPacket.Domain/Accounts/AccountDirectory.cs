using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Accounts;

/// <summary>
/// Which account (row id) belongs to which user. The pair never changes once the account exists, so it is kept
/// in memory: a settle batch needs the ids to lock and credit its receivers in ascending id order, and looking
/// them up again for every batch was a round trip of its own.
/// </summary>
public sealed class AccountDirectory(IMemoryCache cache)
{
    private static readonly MemoryCacheEntryOptions Keep = new() { SlidingExpiration = TimeSpan.FromMinutes(30), Size = 1 };

    /// <summary>The account ids of these users; a user without an account is simply missing from the answer.</summary>
    public async Task<IReadOnlyDictionary<string, long>> IdsOfAsync(RedPacketDb db, IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        var ids = new Dictionary<string, long>(userIds.Count);
        var unknown = new List<string>();
        foreach (var user in userIds)
            if (cache.TryGetValue(("account-id", user), out long id)) ids[user] = id;
            else unknown.Add(user);
        if (unknown.Count == 0) return ids;
        foreach (var a in await db.Set<Account>().AsNoTracking().Where(a => unknown.Contains(a.UserId))
                     .Select(a => new { a.UserId, a.Id }).ToListAsync(ct))
        {
            ids[a.UserId] = a.Id;
            cache.Set(("account-id", a.UserId), a.Id, Keep);
        }
        return ids;
    }
}
