using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using RedPacket.Domain.Accounts;
using RedPacket.Domain.Common;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Groups;

public sealed record GroupSummary(long Id, string Name, string InviteCode);

/// <summary>What an invitation shows before joining: the group, who started it, how many are in it and the first faces.</summary>
public sealed record InvitePreview(long GroupId, string Name, string CreatorName, int MemberCount, IReadOnlyList<GroupMemberView> FirstMembers);

public sealed record GroupMemberView(string UserId, string UserName, DateTimeOffset JoinedAt);

public sealed record GroupDetail(long Id, string Name, string InviteCode, IReadOnlyList<GroupMemberView> Members);

/// <summary>What a chat page shows of its group: the member list itself is loaded only when it is needed.</summary>
public sealed record GroupHeader(long Id, string Name, string InviteCode, int MemberCount);

/// <summary>Groups, invitations and the membership check every packet read and write goes through.</summary>
public sealed class GroupService(IDbContextFactory<RedPacketDb> contexts, TransactionRunner transactions, SingleFlightCache cache, TimeProvider clock)
{
    // Membership only grows (there is no "leave"), so a "yes" may be cached; a "no" is always asked again.
    private static readonly MemoryCacheEntryOptions RosterKeep = new() { SlidingExpiration = TimeSpan.FromMinutes(10), Size = 1 };
    // Short: somebody who joins is a member on this node at once (the join clears it) and on others within this.
    private static readonly MemoryCacheEntryOptions OutsiderKeep = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(2), Size = 1 };

    public async Task<GroupSummary> CreateAsync(string userId, string name, CancellationToken ct = default)
    {
        name = name.Trim();
        if (!TextLimits.Fits(name, 1, Group.MaxNameLength))
            throw new DomainException(ErrorCodes.InvalidRequest, $"A group name has 1 to {Group.MaxNameLength} characters.");
        // The group and its first member together, retried whole like every other transaction.
        var group = await transactions.RunAsync(async (db, c) =>
        {
            await RequireAccountAsync(db, userId, c);
            var g = new Group(name, NewInviteCode(), userId, clock.GetUtcNow());
            db.Add(g);
            await db.SaveChangesAsync(c);
            db.Add(new GroupMember(g.Id, userId, clock.GetUtcNow()));
            await db.SaveChangesAsync(c);
            return g;
        }, ct);
        return new(group.Id, group.Name, group.InviteCode);
    }

    /// <summary>Joins by invitation; joining twice is harmless.</summary>
    public async Task JoinAsync(long groupId, string userId, string inviteCode, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var group = await db.Set<Group>().AsNoTracking().SingleOrDefaultAsync(g => g.Id == groupId, ct);
        if (group is null || !CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(group.InviteCode), System.Text.Encoding.UTF8.GetBytes(inviteCode ?? "")))
            throw new DomainException(ErrorCodes.BadInvite, "That invitation code does not open this group.");
        await RequireAccountAsync(db, userId, ct);
        await AddMemberAsync(db, groupId, userId, ct);
    }

    /// <summary>
    /// Membership, answered from a cached roster of the group: a burst of taps by thousands of members
    /// loads the roster once. Someone not on the roster is asked about in the database (they may have
    /// just joined), so a "no" is never stale.
    /// </summary>
    public async Task<bool> IsMemberAsync(long groupId, string userId, CancellationToken ct = default)
    {
        var roster = await cache.GetOrLoadAsync(("roster", groupId), load => LoadRosterAsync(groupId, load), RosterKeep, ct);
        if (roster!.Contains(userId)) return true;
        // An outsider hammering a group's packets costs one query per couple of seconds, not one per tap.
        if (cache.TryGet<string>(("outsider", groupId, userId), out _)) return false;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Set<GroupMember>().AnyAsync(m => m.GroupId == groupId && m.UserId == userId, ct))
        {
            cache.Set(("outsider", groupId, userId), "no", OutsiderKeep);
            return false;
        }
        roster.Add(userId);
        return true;
    }

    private async Task<Roster?> LoadRosterAsync(long groupId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ids = await db.Set<GroupMember>().Where(m => m.GroupId == groupId).Select(m => m.UserId).ToListAsync(ct);
        return new Roster(ids);
    }

    /// <summary>The members of one group; only grows (there is no "leave").</summary>
    private sealed class Roster(IEnumerable<string> members)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _members =
            new(members.Select(m => KeyValuePair.Create(m, (byte)0)));

        public bool Contains(string userId) => _members.ContainsKey(userId);
        public void Add(string userId) => _members.TryAdd(userId, 0);
    }

    public async Task RequireMemberAsync(long groupId, string userId, CancellationToken ct = default)
    {
        if (!await IsMemberAsync(groupId, userId, ct))
            throw new DomainException(ErrorCodes.NotMember, "You are not a member of this group.");
    }

    public async Task<IReadOnlyList<GroupSummary>> MineAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await (from m in db.Set<GroupMember>()
                      join g in db.Set<Group>() on m.GroupId equals g.Id
                      where m.UserId == userId
                      orderby g.Name
                      select new GroupSummary(g.Id, g.Name, g.InviteCode)).ToListAsync(ct);
    }

    /// <summary>A group's detail, for its members only (others learn nothing, not even that it exists).</summary>
    public async Task<GroupDetail?> FindForMemberAsync(long groupId, string userId, CancellationToken ct = default)
    {
        if (!await IsMemberAsync(groupId, userId, ct)) return null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var group = await db.Set<Group>().AsNoTracking().SingleAsync(g => g.Id == groupId, ct);
        var members = await (from m in db.Set<GroupMember>()
                             join a in db.Set<Account>() on m.UserId equals a.UserId
                             where m.GroupId == groupId
                             orderby m.JoinedAt, a.UserName
                             select new GroupMemberView(m.UserId, a.UserName, m.JoinedAt)).ToListAsync(ct);
        return new(group.Id, group.Name, group.InviteCode, members);
    }

    /// <summary>
    /// The group's name, invitation and member count, for a member (null for anybody else). A chat page holds this, not
    /// the member list: in a group of 30,000 every open page holding every member cost megabytes and a 30,000-row read.
    /// </summary>
    public async Task<GroupHeader?> FindHeaderForMemberAsync(long groupId, string userId, CancellationToken ct = default)
    {
        if (!await IsMemberAsync(groupId, userId, ct)) return null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var group = await db.Set<Group>().AsNoTracking().SingleAsync(g => g.Id == groupId, ct);
        var count = await db.Set<GroupMember>().CountAsync(m => m.GroupId == groupId, ct);
        return new(group.Id, group.Name, group.InviteCode, count);
    }

    /// <summary>For seeding: puts a user in a group without an invitation.</summary>
    public async Task AddMemberAsync(long groupId, string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await AddMemberAsync(db, groupId, userId, ct);
    }

    public async Task<GroupSummary?> FindByNameAsync(string name, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<Group>().Where(g => g.Name == name).OrderBy(g => g.Id)
            .Select(g => new GroupSummary(g.Id, g.Name, g.InviteCode)).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The group an invitation link opens, for the join page; null when the id is unknown or the code is wrong (the two
    /// look alike, so a guessed id tells nothing). Compared in constant time, as <see cref="JoinAsync"/> does.
    /// </summary>
    public async Task<GroupSummary?> FindByInviteAsync(long groupId, string inviteCode, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var group = await db.Set<Group>().AsNoTracking().SingleOrDefaultAsync(g => g.Id == groupId, ct);
        return group is not null && CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(group.InviteCode), System.Text.Encoding.UTF8.GetBytes(inviteCode ?? ""))
            ? new GroupSummary(group.Id, group.Name, group.InviteCode) : null;
    }

    /// <summary>The invitation's group as the join page shows it; null for a wrong code or no such group.</summary>
    public async Task<InvitePreview?> PreviewInviteAsync(long groupId, string inviteCode, int faces = 9, CancellationToken ct = default)
    {
        if (await FindByInviteAsync(groupId, inviteCode, ct) is not { } group) return null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var creator = await (from g in db.Set<Group>()
                             join a in db.Set<Account>() on g.CreatedByUserId equals a.UserId
                             where g.Id == groupId
                             select a.UserName).SingleOrDefaultAsync(ct) ?? "";
        var count = await db.Set<GroupMember>().CountAsync(m => m.GroupId == groupId, ct);
        var first = await (from m in db.Set<GroupMember>()
                           join a in db.Set<Account>() on m.UserId equals a.UserId
                           where m.GroupId == groupId
                           orderby m.JoinedAt, m.UserId
                           select new GroupMemberView(m.UserId, a.UserName, m.JoinedAt)).Take(faces).ToListAsync(ct);
        return new InvitePreview(group.Id, group.Name, creator, count, first);
    }

    private async Task AddMemberAsync(RedPacketDb db, long groupId, string userId, CancellationToken ct)
    {
        cache.Remove(("outsider", groupId, userId));
        if (await db.Set<GroupMember>().AnyAsync(m => m.GroupId == groupId && m.UserId == userId, ct)) return;
        db.Add(new GroupMember(groupId, userId, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (TransactionRunner.IsDuplicateKey(e))
        {
            // Joined by a concurrent request.
        }
    }

    private static async Task RequireAccountAsync(RedPacketDb db, string userId, CancellationToken ct)
    {
        // Every member can be paid: a share is credited to an account that must exist.
        if (!await db.Set<Account>().AnyAsync(a => a.UserId == userId, ct))
            throw new DomainException(ErrorCodes.NoAccount, "The user has no account.");
    }

    private static string NewInviteCode() => RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 10);
}
