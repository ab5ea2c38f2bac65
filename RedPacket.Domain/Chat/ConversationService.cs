using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Accounts;
using RedPacket.Domain.Groups;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Chat;

/// <summary>One line of the conversation list: the group, its newest line (who and what), when, and how many unread.</summary>
public sealed record ConversationView(long GroupId, string GroupName, string? LastSenderName, string? LastText, bool LastIsPacket,
    DateTimeOffset? LastAt, int Unread, ChatMessageKind? LastKind = null);

/// <summary>
/// The conversation list, as WeChat's chats tab: each of the user's groups with its newest line and an unread count.
/// Unread are the lines of others newer than the member's <see cref="GroupMember.LastReadMessageId"/>, which the chat
/// page moves forward when it shows a group's newest lines (once on opening and once on leaving, not per live line:
/// thousands of open pages would otherwise write for every message).
/// </summary>
public sealed class ConversationService(IDbContextFactory<RedPacketDb> contexts)
{
    public async Task<IReadOnlyList<ConversationView>> ListAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // One snapshot for the four reads: a line committed between them must not be counted unread yet missing as the
        // newest line (ShellTests.Desktop_… saw exactly that).
        await using var snapshot = await StaleConnections.BeginTransactionAsync(db, System.Data.IsolationLevel.RepeatableRead, ct);
        var groups = await (from m in db.Set<GroupMember>().AsNoTracking()
                            join g in db.Set<Group>() on m.GroupId equals g.Id
                            where m.UserId == userId
                            select new { g.Id, g.Name }).ToListAsync(ct);
        var ids = groups.Select(g => g.Id).ToList();
        var newestIds = await db.Set<ChatMessage>().Where(c => ids.Contains(c.GroupId))
            .GroupBy(c => c.GroupId).Select(g => g.Max(c => c.Id)).ToListAsync(ct);
        var newest = await (from c in db.Set<ChatMessage>().AsNoTracking()
                            join a in db.Set<Account>() on c.SenderUserId equals a.UserId
                            join p in db.Set<Packet>() on c.PacketId equals p.Id into packets
                            from p in packets.DefaultIfEmpty()
                            where newestIds.Contains(c.Id)
                            select new { c.Id, c.GroupId, a.UserName, c.Kind, c.Text, Greeting = p == null ? null : p.Greeting, c.CreatedAt })
            .ToDictionaryAsync(c => c.GroupId, ct);
        var unread = await (from c in db.Set<ChatMessage>()
                            join m in db.Set<GroupMember>() on c.GroupId equals m.GroupId
                            where m.UserId == userId && c.Id > m.LastReadMessageId && c.SenderUserId != userId
                            group c by c.GroupId into g
                            select new { g.Key, Count = g.Count() }).ToDictionaryAsync(u => u.Key, u => u.Count, ct);

        // Newest line first (by id: ids grow in commit order, clocks need not agree); groups without lines last.
        return groups.Select(g => (Last: newest.GetValueOrDefault(g.Id), Group: g))
            .OrderByDescending(x => x.Last?.Id ?? 0).ThenBy(x => x.Group.Name, StringComparer.Ordinal)
            .Select(x => new ConversationView(x.Group.Id, x.Group.Name, x.Last?.UserName,
                x.Last is null ? null : x.Last.Kind == ChatMessageKind.Packet ? x.Last.Greeting : x.Last.Text,
                x.Last?.Kind == ChatMessageKind.Packet, x.Last?.CreatedAt, unread.GetValueOrDefault(x.Group.Id), x.Last?.Kind))
            .ToList();
    }

    /// <summary>The member has seen the group's newest line: nothing in it is unread any more. Never moves backwards.</summary>
    public async Task MarkReadAsync(long groupId, string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE group_members SET LastReadMessageId = GREATEST(LastReadMessageId,
                (SELECT COALESCE(MAX(Id), 0) FROM chat_messages WHERE GroupId = {groupId}))
            WHERE GroupId = {groupId} AND UserId = {userId}
            """, ct);
    }
}
