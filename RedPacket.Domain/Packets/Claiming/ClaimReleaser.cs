using Microsoft.Extensions.Logging;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets.Claiming;

/// <summary>
/// Undoes Redis claims whose settle failed, so their shares can be grabbed again. The check that MySQL still
/// has each share unclaimed and the undo happen while the packet row is locked, so no settle of the same share
/// can commit in between. If even that fails, the claims stay in Redis: the user's next tap settles them again, the
/// reconciler (<see cref="Reconciling.ClaimReconciler"/>) settles them within a minute, and the refund job finishes any
/// left at expiry.
/// </summary>
public sealed class ClaimReleaser(TransactionRunner transactions, RedisPacketStore redis, ILogger<ClaimReleaser> log)
{
    /// <summary>
    /// Releases the claims MySQL does not hold, and answers the ones it does hold after all: a batch whose commit
    /// went through but whose reply was lost failed in the caller's eyes, yet those users were paid. Those claims
    /// come back as settled (not "just now": this call cannot tell whether that very batch paid them) and are
    /// marked settled in Redis. When the check itself fails, nothing is released and nothing comes back.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, SettleOutcome.Settled>> ReleaseIfUnsettledAsync(long packetId,
        IReadOnlyList<PendingClaim> claims)
    {
        var committed = new Dictionary<string, SettleOutcome.Settled>();
        if (claims.Count == 0) return committed;
        try
        {
            await transactions.RunAsync(async (db, ct) =>
            {
                committed.Clear();
                var packet = await db.LockPacketAsync(packetId, ct);
                var shares = (await db.LockSharesAsync(packetId, claims.Select(c => c.Share.Seq).Distinct().ToList(), ct))
                    .ToDictionary(s => s.Seq);
                foreach (var (userId, share) in claims)
                {
                    if (!shares.TryGetValue(share.Seq, out var row)) continue;
                    if (row.Status == ShareStatus.Unclaimed) await redis.ReleaseAsync(packetId, userId, share);
                    else if (row.Status == ShareStatus.Claimed && row.ReceiverUserId == userId)
                        committed[userId] = new SettleOutcome.Settled(row.AmountCents, packet!.RemainingCount, JustNow: false);
                }
            }, CancellationToken.None);
            if (committed.Count > 0)
                await redis.MarkSettledAsync(packetId, claims.Where(c => committed.ContainsKey(c.UserId)).Select(c => (c.UserId, c.Share)).ToList());
        }
        catch (Exception e)
        {
            log.LogError(e, "Could not release {Count} claims of packet {PacketId}; they stay claimed in Redis",
                claims.Count, packetId);
        }
        return committed;
    }
}
