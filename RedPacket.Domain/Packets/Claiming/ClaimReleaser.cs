using Microsoft.Extensions.Logging;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets.Claiming;

/// <summary>
/// Undoes Redis claims whose settle failed, so their shares can be grabbed again. The check that MySQL still
/// has each share unclaimed and the undo happen while the packet row is locked, so no settle of the same share
/// can commit in between. If even that fails, the claims stay in Redis: the user's next tap settles them again,
/// and the refund job's reconcile step finishes them at expiry.
/// </summary>
public sealed class ClaimReleaser(TransactionRunner transactions, RedisPacketStore redis, ILogger<ClaimReleaser> log)
{
    public Task ReleaseIfUnsettledAsync(long packetId, ShareToken claim, string userId) =>
        ReleaseIfUnsettledAsync(packetId, [new PendingClaim(userId, claim)]);

    public async Task ReleaseIfUnsettledAsync(long packetId, IReadOnlyList<PendingClaim> claims)
    {
        if (claims.Count == 0) return;
        try
        {
            await transactions.RunAsync(async (db, ct) =>
            {
                await db.LockPacketAsync(packetId, ct);
                var shares = (await db.LockSharesAsync(packetId, claims.Select(c => c.Share.Seq).Distinct().ToList(), ct))
                    .ToDictionary(s => s.Seq);
                foreach (var (userId, share) in claims)
                    if (shares.TryGetValue(share.Seq, out var row) && row.Status == ShareStatus.Unclaimed)
                        await redis.ReleaseAsync(packetId, userId, share);
            }, CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogError(e, "Could not release {Count} claims of packet {PacketId}; they stay claimed in Redis",
                claims.Count, packetId);
        }
    }
}
