using Microsoft.AspNetCore.SignalR;
using RedPacket.Domain.Packets.Events;

namespace RedPacket.Web.Live;

/// <summary>Sends domain events to the chat group's hub clients, and balance nudges to the people whose money moved.</summary>
public sealed class SignalRGroupEventSink(IHubContext<PacketHub> hub) : IGroupEventSink
{
    public async Task PublishAsync(GroupEvent e, CancellationToken ct = default)
    {
        var group = hub.Clients.Group(PacketHub.GroupName(e.GroupId));
        switch (e)
        {
            case PacketSent sent:
                await group.SendAsync(HubEventNames.PacketSent, sent, ct);
                await NudgeAsync(sent.SenderUserId, ct);
                break;
            case PacketClaimed claimed:
                await group.SendAsync(HubEventNames.PacketClaimed, claimed, ct);
                await NudgeAsync(claimed.UserId, ct);
                break;
            case PacketSoldOut soldOut:
                await group.SendAsync(HubEventNames.PacketSoldOut, soldOut, ct);
                break;
            case PacketRefunded refunded:
                await group.SendAsync(HubEventNames.PacketRefunded, refunded, ct);
                await NudgeAsync(refunded.SenderUserId, ct);
                break;
            case MessagePosted posted:
                await group.SendAsync(HubEventNames.MessagePosted, posted, ct);
                break;
        }
    }

    private Task NudgeAsync(string userId, CancellationToken ct) =>
        hub.Clients.User(userId).SendAsync(HubEventNames.BalanceChanged, ct);
}
