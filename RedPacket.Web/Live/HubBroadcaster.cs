using Microsoft.AspNetCore.SignalR;
using RedPacket.Domain.Packets.Events;
using RedPacket.Domain.Transfers;

namespace RedPacket.Web.Live;

/// <summary>
/// Sends group events to the chat group's hub clients, balance nudges to the people whose money moved, and each
/// <see cref="PacketOpened"/> to the packet's sender alone.
/// Called by <see cref="CoalescingEventSink"/>'s background loop, never on a request's path.
/// </summary>
public sealed class HubBroadcaster(IHubContext<PacketHub> hub)
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
                // The claimer's nudge travels on its own (see CoalescingEventSink): this one is coalesced.
                await group.SendAsync(HubEventNames.PacketClaimed, claimed, ct);
                break;
            case PacketSoldOut soldOut:
                await group.SendAsync(HubEventNames.PacketSoldOut, soldOut, ct);
                break;
            case PacketRefunded refunded:
                await group.SendAsync(HubEventNames.PacketRefunded, refunded, ct);
                await NudgeAsync(refunded.SenderUserId, ct);
                break;
            case PacketOpened opened:
                // The sender's own notice ("bob opened your red packet"): never to the whole group.
                await hub.Clients.User(opened.SenderUserId).SendAsync(HubEventNames.PacketOpened, opened, ct);
                break;
            case MessagePosted posted:
                await group.SendAsync(HubEventNames.MessagePosted, posted, ct);
                break;
            case TransferChanged transfer:
                // The card changes for the whole chat; the balance of the one whose money moved.
                await group.SendAsync(HubEventNames.TransferChanged, transfer, ct);
                await NudgeAsync(transfer.MovedUserId, ct);
                break;
        }
    }

    public Task NudgeAsync(string userId, CancellationToken ct = default) =>
        hub.Clients.User(userId).SendAsync(HubEventNames.BalanceChanged, ct);
}
