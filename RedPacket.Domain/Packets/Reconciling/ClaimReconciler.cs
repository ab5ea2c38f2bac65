using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets.Reconciling;

public sealed record ReconcileSummary(int PacketsScanned, int Abandoned, int Settled, int Repaired, int Forgotten, int Failed);

/// <summary>
/// Finishes the claims whose node died between the pop in Redis and the commit in MySQL, without the user tapping
/// again. Redis keeps every unsettled claim in the packet's pending set, scored by when it was popped (Redis's clock); for every
/// open packet (from MySQL) the claims older than <see cref="ReconcilerOptions.MinAge"/> go through the same batch
/// writer as a tap, so the settle is the same idempotent transaction (a claim another node committed meanwhile
/// answers "settled, not just now"), and its events tell the user, live, that the money arrived.
/// </summary>
public sealed class ClaimReconciler(
    IDbContextFactory<RedPacketDb> contexts,
    RedisPacketStore redis,
    SettleBatcher settler,
    IOptions<ReconcilerOptions> options,
    TimeProvider clock,
    ILogger<ClaimReconciler> log)
{
    public async Task<ReconcileSummary> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var summary = new ReconcileSummary(0, 0, 0, 0, 0, 0);
        // Packets that can still be claimed (open, not expired: the refund job finishes expired ones).
        var open = PacketIdPages.ReadAsync(contexts, p => p.Status == PacketStatus.Open && p.ExpiresAt > now, options.Value.PageSize, ct);
        await foreach (var page in open)
        {
            // One round trip per packet, pipelined over the page.
            // The claims' age is judged by Redis, on the clock that scored them: web nodes' clocks never enter it.
            var stale = await Task.WhenAll(page.Select(id => redis.StaleClaimsAsync(id, options.Value.MinAge)));
            summary = summary with { PacketsScanned = summary.PacketsScanned + page.Count };
            for (var i = 0; i < page.Count; i++)
                if (stale[i].Count > 0) summary = Add(summary, await FinishAsync(page[i], stale[i], ct));
        }
        if (summary.Abandoned > 0)
            log.LogWarning("Reconciler: {Abandoned} abandoned claims found; {Settled} settled, {Repaired} repaired, {Forgotten} forgotten, {Failed} failed",
                summary.Abandoned, summary.Settled, summary.Repaired, summary.Forgotten, summary.Failed);
        return summary;
    }

    private async Task<ReconcileSummary> FinishAsync(long packetId, IReadOnlyList<PendingClaim> claims, CancellationToken ct)
    {
        var (settled, repaired, forgotten, failed) = (0, 0, 0, 0);
        var outcomes = await Task.WhenAll(claims.Select(async c =>
        {
            try { return await settler.SettleAsync(packetId, c, ct); }
            catch (Exception e) when (e is not OperationCanceledException) { return new SettleOutcome.Failed(e); }
        }));
        for (var i = 0; i < claims.Count; i++)
        {
            var (userId, claim) = claims[i];
            switch (outcomes[i])
            {
                case SettleOutcome.Settled:
                    settled++;
                    break;
                case SettleOutcome.HoldsOther h:
                    await redis.RepairAsync(packetId, userId, h.Held, claim);
                    repaired++;
                    break;
                case SettleOutcome.Gone:
                    await redis.ForgetAsync(packetId, userId, claim);
                    forgotten++;
                    break;
                case SettleOutcome.Failed f:
                    // Released by the batch writer when it could be; otherwise the next round tries again.
                    log.LogWarning(f.Error, "Reconciler: claim {Share} of packet {PacketId} by {User} not settled this round", claim, packetId, userId);
                    failed++;
                    break;
            }
        }
        return new ReconcileSummary(0, claims.Count, settled, repaired, forgotten, failed);
    }

    private static ReconcileSummary Add(ReconcileSummary a, ReconcileSummary b) =>
        new(a.PacketsScanned + b.PacketsScanned, a.Abandoned + b.Abandoned, a.Settled + b.Settled, a.Repaired + b.Repaired,
            a.Forgotten + b.Forgotten, a.Failed + b.Failed);
}
