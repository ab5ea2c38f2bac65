using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Accounts;
using RedPacket.Domain.Ledger;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Domain.Packets.Events;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Refunds;

public enum RefundResultKind { Refunded, NothingToDo, Failed }

public sealed record RefundResult(long PacketId, RefundResultKind Kind, long AmountCents = 0, int Shares = 0, int SettledClaims = 0);

/// <summary>
/// Refunds one expired packet: close it in Redis, settle the claims Redis holds that MySQL lacks,
/// give the rest back to the sender, record it. The packet row lock and the status check make a
/// second (overlapping or repeated) run a no-op, whatever Quartz does.
/// </summary>
public sealed class PacketRefunder(
    TransactionRunner transactions,
    IDbContextFactory<RedPacketDb> contexts,
    RedisPacketStore redis,
    AccountDirectory accountIds,
    GroupEventPublisher events,
    ClaimAnnouncer announcer,
    IOptions<PacketOptions> packetOptions,
    TimeProvider clock,
    ILogger<PacketRefunder> log)
{
    public async Task<RefundResult> RefundAsync(long packetId, Guid jobRunId, CancellationToken ct = default)
    {
        try
        {
            // Closed first, so no new claim can start while we settle; a Redis that cannot be reached
            // fails the attempt (retried next run) rather than refund a share somebody was just given.
            var redisClaims = await redis.CloseAsync(packetId, packetOptions.Value.RedisGrace);
            var (result, groupId, senderId, late) = await transactions.RunAsync((db, c) => RefundInAsync(db, packetId, redisClaims, jobRunId, c), ct);
            // The late claims it settled are news like any other claim: the claimers' balances, the sender's "who opened it".
            if (late is { } l) await announcer.AnnounceAsync(packetId, l.Claims, l.Result, soldOut: false);
            // Late claims may have taken the last shares: then nothing came back, and the packet is sold out, not refunded.
            if (result.Kind == RefundResultKind.Refunded)
                await events.PublishAsync(result.AmountCents > 0
                    ? new PacketRefunded(groupId, packetId, senderId, result.AmountCents, result.Shares)
                    : new PacketSoldOut(groupId, packetId));
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Refund of packet {PacketId} failed; the next run retries it", packetId);
            await RecordFailureAsync(packetId, jobRunId, e, ct);
            return new RefundResult(packetId, RefundResultKind.Failed);
        }
    }

    private async Task<(RefundResult, long GroupId, string SenderId, (IReadOnlyList<PendingClaim> Claims, BatchResult Result)? Late)> RefundInAsync(RedPacketDb db, long packetId,
        IReadOnlyDictionary<string, ShareToken> redisClaims, Guid jobRunId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var packet = await db.LockPacketAsync(packetId, ct) ?? throw new InvalidOperationException($"No packet {packetId}.");
        if (packet.Status != PacketStatus.Open || packet.RemainingCount == 0)
            return (new RefundResult(packetId, RefundResultKind.NothingToDo), packet.GroupId, packet.SenderUserId, null);

        // All share rows now, before any account row: the lock order is packet → share → account.
        await db.LockAllSharesAsync(packetId, ct);

        // The late claimers' accounts and the sender's, all at once in ascending id order, like any batch.
        await db.LockInIdOrderAsync([.. redisClaims.Keys, packet.SenderUserId], ct);

        var settled = 0;
        (IReadOnlyList<PendingClaim>, BatchResult)? late = null;
        if (redisClaims.Count > 0)
        {
            var claims = redisClaims.Select(c => new PendingClaim(c.Key, c.Value)).ToList();
            var batch = await BatchSettlement.SettleInAsync(db, accountIds, packetId, claims, now, ct);
            settled = batch.Outcomes.Count(o => o is SettleOutcome.Settled { JustNow: true });
            if (settled > 0) late = (claims, batch);
        }

        var unclaimed = await db.LockUnclaimedSharesAsync(packetId, ct);
        var shares = unclaimed.Count;
        var cents = packet.Status == PacketStatus.Open ? packet.Refund(unclaimed, now) : 0;
        if (cents > 0)
        {
            var sender = await db.LockAsync(packet.SenderUserId, ct)
                ?? throw new InvalidOperationException($"Sender {packet.SenderUserId} has no account.");
            sender.Credit(cents);
            LedgerWriter.Refund(db, packet.SenderUserId, packetId, cents, now);
        }
        var attempt = await db.Set<Refund>().CountAsync(r => r.PacketId == packetId, ct) + 1;
        db.Add(Refund.Succeeded(packetId, packet.SenderUserId, cents, shares, settled, jobRunId, attempt, now));
        await db.SaveChangesAsync(ct);
        log.LogInformation("Packet {PacketId} refunded: {Cents} cents in {Shares} shares ({Settled} late claims settled)",
            packetId, cents, shares, settled);
        return (new RefundResult(packetId, RefundResultKind.Refunded, cents, shares, settled), packet.GroupId, packet.SenderUserId, late);
    }

    private async Task RecordFailureAsync(long packetId, Guid jobRunId, Exception e, CancellationToken ct)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var sender = await db.Set<Packet>().Where(p => p.Id == packetId).Select(p => p.SenderUserId).SingleAsync(ct);
            var attempt = await db.Set<Refund>().CountAsync(r => r.PacketId == packetId, ct) + 1;
            db.Add(Refund.Failed(packetId, sender, jobRunId, attempt, e.GetBaseException().Message, clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
        }
        catch (Exception recordError)
        {
            log.LogError(recordError, "Could not record the failed refund of packet {PacketId}", packetId);
        }
    }
}
