using RedPacket.Domain.Packets.Events;

namespace RedPacket.Domain.Packets.Claiming;

/// <summary>
/// Tells the group about claims a batch paid, whoever settled them (a tap's batch, the reconciler, the refund job):
/// each claim to the group (coalesced by the web sink) and, to the sender alone, who opened it; then the sell-out.
/// </summary>
public sealed class ClaimAnnouncer(GroupEventPublisher events)
{
    public async Task AnnounceAsync(long packetId, IReadOnlyList<PendingClaim> claims, BatchResult result, bool soldOut)
    {
        for (var i = 0; i < claims.Count; i++)
            if (result.Outcomes[i] is SettleOutcome.Settled { JustNow: true } s)
            {
                var claimer = claims[i].UserId;
                await events.PublishAsync(new PacketClaimed(result.GroupId, packetId, claimer, s.AmountCents, result.RemainingCount));
                var name = result.Payees.TryGetValue(claimer, out var account) ? account.UserName : claimer;
                await events.PublishAsync(new PacketOpened(result.GroupId, packetId, result.SenderUserId, claimer, name, s.AmountCents,
                    result.SettledAt));
            }
        if (soldOut && result.Outcomes.Any(o => o is SettleOutcome.Settled { JustNow: true }))
            await events.PublishAsync(new PacketSoldOut(result.GroupId, packetId));
    }
}
