namespace RedPacket.Domain.Groups;

/// <summary>A chat group. Joined by invitation code, never by guessing an id.</summary>
public sealed class Group
{
    public const int MaxNameLength = 64;

    private Group() { }

    public Group(string name, string inviteCode, string createdByUserId, DateTimeOffset createdAt)
    {
        Name = name;
        InviteCode = inviteCode;
        CreatedByUserId = createdByUserId;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }
    public string Name { get; private set; } = "";
    public string InviteCode { get; private set; } = "";
    public string CreatedByUserId { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
}

public sealed class GroupMember
{
    private GroupMember() { }

    public GroupMember(long groupId, string userId, DateTimeOffset joinedAt)
    {
        GroupId = groupId;
        UserId = userId;
        JoinedAt = joinedAt;
    }

    public long GroupId { get; private set; }
    public string UserId { get; private set; } = "";
    public DateTimeOffset JoinedAt { get; private set; }

    /// <summary>The newest chat line this member has seen: what is newer counts as unread in the conversation list.</summary>
    public long LastReadMessageId { get; private set; }
}
