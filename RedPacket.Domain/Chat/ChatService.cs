using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Accounts;
using RedPacket.Domain.Common;
using RedPacket.Domain.Groups;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Events;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Chat;

/// <summary>A packet as its bubble shows it, with what the viewer got from it (if anything).</summary>
public sealed record PacketBubbleView(long PacketId, PacketKind Kind, PacketStatus Status, long TotalCents, int ShareCount,
    int RemainingCount, string Greeting, DateTimeOffset ExpiresAt, long? MyAmountCents,
    string? RecipientUserId = null, string? RecipientName = null, string Cover = PacketCovers.Classic, string? Phrase = null);

/// <summary>A line of the chat: text, a packet's bubble, or a transfer's card (<see cref="Transfer"/>).</summary>
public sealed record ChatItem(long MessageId, long GroupId, string SenderUserId, string SenderName, ChatMessageKind Kind,
    string? Text, PacketBubbleView? Packet, DateTimeOffset At, RedPacket.Domain.Transfers.TransferView? Transfer = null);

/// <summary>The group chat: text messages and packet bubbles in time order, for members only.</summary>
public sealed class ChatService(IDbContextFactory<RedPacketDb> contexts, GroupService groups, GroupEventPublisher events, TimeProvider clock)
{
    public const int MaxTextLength = 500;

    public async Task<ChatItem> PostAsync(long groupId, string userId, string text, CancellationToken ct = default)
    {
        text = (text ?? "").Trim();
        if (!TextLimits.Fits(text, 1, MaxTextLength))
            throw new DomainException(ErrorCodes.InvalidRequest, $"A message has 1 to {MaxTextLength} characters.");
        await groups.RequireMemberAsync(groupId, userId, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var message = ChatMessage.TextMessage(groupId, userId, text, clock.GetUtcNow());
        db.Add(message);
        await db.SaveChangesAsync(ct);
        var name = await db.Set<Account>().Where(a => a.UserId == userId).Select(a => a.UserName).SingleAsync(ct);
        await events.PublishAsync(new MessagePosted(groupId, message.Id, userId, name, text, message.CreatedAt));
        return new ChatItem(message.Id, groupId, userId, name, ChatMessageKind.Text, text, null, message.CreatedAt);
    }

    /// <summary>The latest <paramref name="take"/> items before <paramref name="beforeId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ChatItem>> HistoryAsync(long groupId, string viewerUserId, long? beforeId = null,
        int take = 50, CancellationToken ct = default)
    {
        await groups.RequireMemberAsync(groupId, viewerUserId, ct);
        take = Math.Clamp(take, 1, 200);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await (from m in db.Set<ChatMessage>()
                          join a in db.Set<Account>() on m.SenderUserId equals a.UserId
                          join p in db.Set<Packet>() on m.PacketId equals p.Id into packets
                          from p in packets.DefaultIfEmpty()
                          // The exclusive packet's recipient, in the same query: no lookup per bubble.
                          join r in db.Set<Account>() on p.RecipientUserId equals r.UserId into recipients
                          from r in recipients.DefaultIfEmpty()
                          where m.GroupId == groupId && (beforeId == null || m.Id < beforeId)
                          orderby m.Id descending
                          select new { m, a.UserName, p, RecipientName = r == null ? null : r.UserName }).Take(take).ToListAsync(ct);
        var packetIds = rows.Where(r => r.p != null).Select(r => r.p!.Id).ToList();
        var mine = await db.Set<PacketShare>()
            .Where(s => packetIds.Contains(s.PacketId) && s.ReceiverUserId == viewerUserId)
            .ToDictionaryAsync(s => s.PacketId, s => s.AmountCents, ct);
        var transfers = await RedPacket.Domain.Transfers.TransferService.ViewsAsync(db,
            rows.Where(r => r.m.TransferId != null).Select(r => r.m.TransferId!.Value).ToList(), ct);
        return rows.OrderBy(r => r.m.Id).Select(r => new ChatItem(r.m.Id, groupId, r.m.SenderUserId, r.UserName, r.m.Kind, r.m.Text,
            r.p is null ? null : Bubble(r.p, mine.TryGetValue(r.p.Id, out var amount) ? amount : null, r.RecipientName), r.m.CreatedAt,
            r.m.TransferId is { } t && transfers.TryGetValue(t, out var card) ? card : null))
            .ToList();
    }

    /// <summary>One packet's bubble, for a member of its group.</summary>
    public async Task<PacketBubbleView?> BubbleAsync(long packetId, string viewerUserId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await (from p in db.Set<Packet>().AsNoTracking()
                         join r in db.Set<Account>() on p.RecipientUserId equals r.UserId into recipients
                         from r in recipients.DefaultIfEmpty()
                         where p.Id == packetId
                         select new { p, RecipientName = r == null ? null : r.UserName }).SingleOrDefaultAsync(ct);
        if (row is null || !await groups.IsMemberAsync(row.p.GroupId, viewerUserId, ct)) return null;
        var mine = await db.Set<PacketShare>().Where(s => s.PacketId == packetId && s.ReceiverUserId == viewerUserId)
            .Select(s => (long?)s.AmountCents).SingleOrDefaultAsync(ct);
        return Bubble(row.p, mine, row.RecipientName);
    }

    /// <summary>
    /// What happened to the packets the viewer sent in this group, oldest first: one <see cref="NoticeKind.Opened"/>
    /// per claimed share, one <see cref="NoticeKind.FullyTaken"/> when the last share went (at the last claim's
    /// time), one <see cref="NoticeKind.CameBack"/> per refund that returned money. With <paramref name="since"/>, only
    /// notices at or after it. At most the latest <see cref="MaxNotices"/>: a chat shows recent lines, and an
    /// active sender's whole history would be unbounded. Members only (<c>not_member</c>), like the history.
    /// </summary>
    public Task<IReadOnlyList<ChatNotice>> NoticesAsync(long groupId, string viewerUserId, DateTimeOffset? since,
        CancellationToken ct = default) => SenderNotices.ReadAsync(contexts, groups, groupId, viewerUserId, since, MaxNotices, ct);

    public const int MaxNotices = 500;

    private static PacketBubbleView Bubble(Packet p, long? mine, string? recipientName) =>
        new(p.Id, p.Kind, p.Status, p.TotalCents, p.ShareCount, p.RemainingCount, p.Greeting, p.ExpiresAt, mine,
            p.RecipientUserId, recipientName, p.Cover, p.Phrase);
}
