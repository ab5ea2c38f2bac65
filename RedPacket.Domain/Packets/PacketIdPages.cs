using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets;

/// <summary>
/// The ids of the packets that match, a page at a time, for the background sweeps (refunds, the reconciler). Keyset
/// paging by id, each page in a context of its own: packets that change meanwhile (refunded, sold out) never shift a
/// page, and no context is held while the caller works through one.
/// </summary>
internal static class PacketIdPages
{
    public static async IAsyncEnumerable<List<long>> ReadAsync(IDbContextFactory<RedPacketDb> contexts,
        Expression<Func<Packet, bool>> matching, int pageSize, [EnumeratorCancellation] CancellationToken ct)
    {
        long after = 0;
        while (true)
        {
            List<long> page;
            await using (var db = await contexts.CreateDbContextAsync(ct))
                page = await db.Set<Packet>().AsNoTracking().Where(matching).Where(p => p.Id > after)
                    .OrderBy(p => p.Id).Select(p => p.Id).Take(pageSize).ToListAsync(ct);
            if (page.Count == 0) yield break;
            yield return page;
            if (page.Count < pageSize) yield break;
            after = page[^1];
        }
    }
}
