using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Accounts;
using RedPacket.Domain.Common;
using RedPacket.Domain.Groups;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets.Queries;

/// <summary>
/// The records people read: what I sent, what I got, who got what. Read from the replica when there is one (so they
/// may be a moment behind); the membership check of <see cref="DetailAsync"/> asks the primary, like every rule.
/// </summary>
public sealed class PacketQueries(ReplicaDbContextFactory contexts, GroupService groups, TimeProvider clock)
{
    /// <summary>These reads come from a replica, so a page showing them says it may be up to a second behind.</summary>
    public bool MayLag => contexts.UsesReplica;

    public async Task<Page<SentPacketRow>> SentByAsync(string userId, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<Packet>().AsNoTracking().Where(p => p.SenderUserId == userId).OrderByDescending(p => p.Id)
            .Select(p => new SentPacketRow(p.Id, p.GroupId, p.Kind, p.Status, p.TotalCents, p.ShareCount, p.RemainingCount,
                p.RefundedCents, p.Greeting, p.CreatedAt))
            .ToPageAsync(page, ct);
    }

    public async Task<Page<ReceivedShareRow>> ReceivedByAsync(string userId, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await (from s in db.Set<PacketShare>()
                      join p in db.Set<Packet>() on s.PacketId equals p.Id
                      where s.ReceiverUserId == userId && s.Status == ShareStatus.Claimed
                      orderby s.ClaimedAt descending, s.Id descending
                      select new ReceivedShareRow(p.Id, p.GroupId, p.SenderUserId, s.AmountCents, p.Greeting, s.ClaimedAt!.Value))
            .ToPageAsync(page, ct);
    }

    /// <summary>A packet's detail for a member of its group; null for anybody else, as for an unknown id.</summary>
    public async Task<PacketDetail?> DetailAsync(long packetId, string viewerUserId, CancellationToken ct = default)
    {
        await using (var replica = await contexts.CreateDbContextAsync(ct))
            if (await DetailInAsync(replica, packetId, viewerUserId, ct) is { } found) return found.Detail;
        if (!contexts.UsesReplica) return null;
        // Not on the replica: perhaps not there *yet* (sent a moment ago). The primary decides.
        await using var primary = await contexts.CreatePrimaryDbContextAsync(ct);
        return (await DetailInAsync(primary, packetId, viewerUserId, ct))?.Detail;
    }

    /// <summary>Null when the packet row is not in <paramref name="db"/>; a null detail when it is, for a non-member.</summary>
    private async Task<(PacketDetail? Detail, bool)?> DetailInAsync(RedPacketDb db, long packetId, string viewerUserId, CancellationToken ct)
    {
        var p = await db.Set<Packet>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == packetId, ct);
        if (p is null) return null;
        if (!await groups.IsMemberAsync(p.GroupId, viewerUserId, ct)) return (null, true);

        var claims = await (from s in db.Set<PacketShare>()
                            join a in db.Set<Account>() on s.ReceiverUserId equals a.UserId
                            where s.PacketId == packetId && s.Status == ShareStatus.Claimed
                            orderby s.ClaimedAt, s.Id
                            select new { s.ReceiverUserId, a.UserName, s.AmountCents, s.ClaimedAt, s.Id }).ToListAsync(ct);
        // Sender and recipient names in one read (an exclusive packet's recipient may not have claimed yet).
        var names = await db.Set<Account>().Where(a => a.UserId == p.SenderUserId || a.UserId == p.RecipientUserId)
            .Select(a => new { a.UserId, a.UserName }).ToDictionaryAsync(a => a.UserId, a => a.UserName, ct);
        var luckiest = IsFinished(p, clock.GetUtcNow())
            ? Luckiest(p.Kind, claims.Select(c => (c.ReceiverUserId!, c.AmountCents, c.ClaimedAt!.Value, c.Id)))
            : null;
        return (new PacketDetail(p.Id, p.GroupId, p.SenderUserId, names.GetValueOrDefault(p.SenderUserId, ""), p.Kind, p.Status,
            p.TotalCents, p.ShareCount, p.RemainingCents, p.RemainingCount, p.RefundedCents, p.Greeting, p.CreatedAt, p.ExpiresAt,
            claims.Select(c => new ClaimView(c.ReceiverUserId!, c.UserName, c.AmountCents, c.ClaimedAt!.Value,
                c.ReceiverUserId == luckiest)).ToList(), luckiest,
            p.RecipientUserId, p.RecipientUserId is null ? null : names.GetValueOrDefault(p.RecipientUserId), p.Cover), true);
    }

    /// <summary>
    /// The luckiest is crowned only when nobody can beat them any more: sold out, refunded, or past expiry (the
    /// refund may not have run yet). While shares remain, the biggest so far is only the biggest so far.
    /// </summary>
    public static bool IsFinished(Packet p, DateTimeOffset now) =>
        p.Status is PacketStatus.SoldOut or PacketStatus.Refunded || p.IsExpiredAt(now);

    /// <summary>
    /// The largest share of a packet split at random (lucky or password); a tie goes to whoever claimed first. Fixed and
    /// exclusive packets have none.
    /// </summary>
    public static string? Luckiest(PacketKind kind, IEnumerable<(string UserId, long AmountCents, DateTimeOffset ClaimedAt, long Order)> claims) =>
        kind is not (PacketKind.Lucky or PacketKind.Password) ? null
            : claims.OrderByDescending(c => c.AmountCents).ThenBy(c => c.ClaimedAt).ThenBy(c => c.Order)
                .Select(c => c.UserId).FirstOrDefault();

    /// <summary>
    /// A packet's detail for an admin (read-only): any packet, no membership check; null only for an unknown id.
    /// It is <see cref="DetailAsync"/> as seen by the packet's sender, who is always a member of its group (sending
    /// requires it and nobody leaves), so the admin sees exactly what members see, luckiest rule included.
    /// </summary>
    public async Task<PacketDetail?> DetailForAdminAsync(long packetId, CancellationToken ct = default)
    {
        string? sender;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            sender = await db.Set<Packet>().Where(p => p.Id == packetId).Select(p => p.SenderUserId).SingleOrDefaultAsync(ct);
        if (sender is null && contexts.UsesReplica)
            await using (var db = await contexts.CreatePrimaryDbContextAsync(ct))
                sender = await db.Set<Packet>().Where(p => p.Id == packetId).Select(p => p.SenderUserId).SingleOrDefaultAsync(ct);
        return sender is null ? null : await DetailAsync(packetId, sender, ct);
    }
}
