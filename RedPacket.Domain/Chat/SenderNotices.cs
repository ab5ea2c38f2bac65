using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Accounts;
using RedPacket.Domain.Groups;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Persistence;
using RedPacket.Domain.Refunds;

namespace RedPacket.Domain.Chat;

/// <summary>
/// The reads behind <see cref="ChatService.NoticesAsync"/>: three queries (claims, sell-outs, refunds), each of the
/// sender's packets in one group and each capped at the newest <c>max</c>, so the merged newest <c>max</c> are right.
/// </summary>
internal static class SenderNotices
{
    public static async Task<IReadOnlyList<ChatNotice>> ReadAsync(IDbContextFactory<RedPacketDb> contexts, GroupService groups,
        long groupId, string senderUserId, DateTimeOffset? since, int max, CancellationToken ct)
    {
        await groups.RequireMemberAsync(groupId, senderUserId, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var sent = db.Set<Packet>().AsNoTracking().Where(p => p.GroupId == groupId && p.SenderUserId == senderUserId);

        var opened = await (from s in db.Set<PacketShare>()
                            join p in sent on s.PacketId equals p.Id
                            join a in db.Set<Account>() on s.ReceiverUserId equals a.UserId
                            where s.Status == ShareStatus.Claimed && (since == null || s.ClaimedAt >= since)
                            orderby s.ClaimedAt descending, s.Id descending
                            select new ChatNotice(NoticeKind.Opened, groupId, p.Id, p.Greeting, a.UserName, s.AmountCents, s.ClaimedAt!.Value))
            .Take(max).ToListAsync(ct);

        // A packet the refund found emptied by late claims also ends sold out: it was fully taken all the same.
        var fullyTaken = await (from p in sent
                                where p.Status == PacketStatus.SoldOut
                                let at = db.Set<PacketShare>().Where(s => s.PacketId == p.Id).Max(s => s.ClaimedAt)
                                where since == null || at >= since
                                orderby at descending, p.Id descending
                                select new { p.Id, p.Greeting, p.TotalCents, At = at }).Take(max).ToListAsync(ct);

        // A refund that found nothing left (late claims took the rest) returned nothing: no line for it.
        var cameBack = await (from r in db.Set<Refund>()
                              join p in sent on r.PacketId equals p.Id
                              where r.Outcome == RefundOutcome.Succeeded && r.AmountCents > 0 && (since == null || r.CreatedAt >= since)
                              orderby r.CreatedAt descending, r.Id descending
                              select new ChatNotice(NoticeKind.CameBack, groupId, p.Id, p.Greeting, null, r.AmountCents, r.CreatedAt))
            .Take(max).ToListAsync(ct);

        // Read newest first (for the cap); told oldest first. The sort is stable, so a batch's claims keep their order
        // and a sell-out follows the claim that caused it (same time, FullyTaken after Opened).
        return opened.AsEnumerable().Reverse()
            .Concat(fullyTaken.AsEnumerable().Reverse().Select(f =>
                new ChatNotice(NoticeKind.FullyTaken, groupId, f.Id, f.Greeting, null, f.TotalCents, f.At!.Value)))
            .Concat(cameBack.AsEnumerable().Reverse())
            .OrderBy(n => n.At).ThenBy(n => n.Kind)
            .TakeLast(max).ToList();
    }
}
