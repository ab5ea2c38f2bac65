using Microsoft.Extensions.Logging;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets.Claiming;

/// <summary>
/// Undoes a Redis claim whose settle failed, so the share can be grabbed again. The check that MySQL
/// still has the share unclaimed and the undo happen while the packet row is locked, so no settle of
/// the same share can commit in between. If even that fails, the claim stays in Redis: the user's
/// next tap settles it again, and the refund job's reconcile step finishes it at expiry.
/// </summary>
public sealed class ClaimReleaser(TransactionRunner transactions, RedisPacketStore redis, ILogger<ClaimReleaser> log)
{
    public async Task ReleaseIfUnsettledAsync(long packetId, ShareToken claim, string userId)
    {
        try
        {
            await transactions.RunAsync(async (db, ct) =>
            {
                await db.LockPacketAsync(packetId, ct);
                var share = await db.LockShareAsync(packetId, claim.Seq, ct);
                if (share is { Status: ShareStatus.Unclaimed })
                    await redis.ReleaseAsync(packetId, userId, claim);
            }, CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogError(e, "Could not release share {Share} of packet {PacketId}; it stays claimed by {User} in Redis",
                claim, packetId, userId);
        }
    }
}
