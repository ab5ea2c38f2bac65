using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using RedPacket.Domain.Groups;

namespace RedPacket.Web.Live;

/// <summary>
/// Live updates of chat groups. A connection joins a group's SignalR group only if its signed-in user is
/// a member; the user is always the connection's own, never an argument.
/// </summary>
[Authorize]
public sealed class PacketHub(GroupService groups) : Hub
{
    public const string Path = "/hubs/packets";

    public static string GroupName(long groupId) => $"group:{groupId}";

    public async Task JoinGroup(long groupId)
    {
        if (!await groups.IsMemberAsync(groupId, Context.UserIdentifier!))
            throw new HubException("You are not a member of this group.");
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupName(groupId));
    }

    public Task LeaveGroup(long groupId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupName(groupId));
}
