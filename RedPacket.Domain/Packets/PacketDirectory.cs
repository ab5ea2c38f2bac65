using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using RedPacket.Domain.Accounts;
using RedPacket.Domain.Common;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets;

/// <summary>
/// The facts of a packet that never change after it is sent. The recipient (exclusive packets only) is here so the
/// grab can turn everybody else away before touching Redis; the name only words that refusal.
/// </summary>
public sealed record PacketFacts(long PacketId, long GroupId, string SenderUserId, DateTimeOffset ExpiresAt,
    string? RecipientUserId = null, string? RecipientName = null, string? Phrase = null);

/// <summary>
/// Caches <see cref="PacketFacts"/> in memory: a burst of taps on one packet must not each read
/// the packet row just to learn its group and expiry. An entry lives while taps can still take something: until a
/// minute past the packet's expiry (on this node's clock; a later tap reads the row again and hears "expired"), and at
/// most <see cref="MaxIdle"/> without a tap. So the memory follows the packets that are live, not every packet of the
/// last half hour (the soak found the cache growing with each packet sent).
/// </summary>
public sealed class PacketDirectory(IDbContextFactory<RedPacketDb> contexts, SingleFlightCache cache, TimeProvider clock)
{
    public static readonly TimeSpan MaxIdle = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan PastExpiry = TimeSpan.FromMinutes(1);

    internal MemoryCacheEntryOptions KeepFor(PacketFacts facts)
    {
        var left = facts.ExpiresAt + PastExpiry - clock.GetUtcNow();
        return new MemoryCacheEntryOptions
        {
            SlidingExpiration = MaxIdle,
            AbsoluteExpirationRelativeToNow = left > PastExpiry ? left : PastExpiry,
            Size = 1,
        };
    }

    /// <summary>Known at send time: the first taps need not read the row they were just written with.</summary>
    public void Remember(PacketFacts facts) => cache.Set(("packet", facts.PacketId), facts, KeepFor(facts));

    public Task<PacketFacts?> FindAsync(long packetId, CancellationToken ct = default) =>
        cache.GetOrLoadAsync(("packet", packetId), async load =>
        {
            await using var db = await contexts.CreateDbContextAsync(load);
            return await (from p in db.Set<Packet>().AsNoTracking()
                          join a in db.Set<Account>() on p.RecipientUserId equals a.UserId into recipients
                          from r in recipients.DefaultIfEmpty()
                          where p.Id == packetId
                          select new PacketFacts(p.Id, p.GroupId, p.SenderUserId, p.ExpiresAt, p.RecipientUserId,
                              r == null ? null : r.UserName, p.Phrase)).SingleOrDefaultAsync(load);
        }, KeepFor, ct);
}
