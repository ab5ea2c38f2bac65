using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using RedPacket.Domain.Common;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets;

/// <summary>The facts of a packet that never change after it is sent.</summary>
public sealed record PacketFacts(long PacketId, long GroupId, string SenderUserId, DateTimeOffset ExpiresAt);

/// <summary>
/// Caches <see cref="PacketFacts"/> in memory: a burst of taps on one packet must not each read
/// the packet row just to learn its group and expiry.
/// </summary>
public sealed class PacketDirectory(IDbContextFactory<RedPacketDb> contexts, SingleFlightCache cache)
{
    private static readonly MemoryCacheEntryOptions Keep = new() { SlidingExpiration = TimeSpan.FromMinutes(30), Size = 1 };

    /// <summary>Known at send time: the first taps need not read the row they were just written with.</summary>
    public void Remember(PacketFacts facts) => cache.Set(("packet", facts.PacketId), facts, Keep);

    public Task<PacketFacts?> FindAsync(long packetId, CancellationToken ct = default) =>
        cache.GetOrLoadAsync(("packet", packetId), async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await db.Set<Packet>().AsNoTracking().Where(p => p.Id == packetId)
                .Select(p => new PacketFacts(p.Id, p.GroupId, p.SenderUserId, p.ExpiresAt)).SingleOrDefaultAsync(ct);
        }, Keep);
}
