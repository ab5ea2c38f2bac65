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
/// open packet (from MySQL) the claims older than <see cref="ReconcilerOptions.MinAge"/> go to the same owner of a claim's
/// fate as a tap (<see cref="ClaimSettler"/>), so the settle is the same idempotent transaction (a claim another node committed meanwhile
/// answers "settled, not just now"), and its events tell the user, live, that the money arrived.
/// </summary>
public sealed class ClaimReconciler(
    IDbContextFactory<RedPacketDb> contexts,
    RedisPacketStore redis,
    ClaimSettler settler,
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
            // One round trip per packet, pipelined over the page. Each packet on its own: one that fails (a slot
            // mid-migration, a malformed share) is counted and retried next round, and never holds up the others.
            var rounds = await Task.WhenAll(page.Select(id => ReconcilePacketAsync(id, ct)));
            summary = rounds.Aggregate(summary with { PacketsScanned = summary.PacketsScanned + page.Count }, Add);
        }
        if (summary.Abandoned > 0 || summary.Failed > 0)
            log.LogWarning("Reconciler: {Abandoned} abandoned claims found; {Settled} settled, {Repaired} repaired, {Forgotten} forgotten, {Failed} failed",
                summary.Abandoned, summary.Settled, summary.Repaired, summary.Forgotten, summary.Failed);
        return summary;
    }

    private async Task<ReconcileSummary> ReconcilePacketAsync(long packetId, CancellationToken ct)
    {
        IReadOnlyList<PendingClaim> stale;
        try
        {
            // The claims' age is judged by Redis, on the clock that scored them: web nodes' clocks never enter it.
            stale = await redis.StaleClaimsAsync(packetId, options.Value.MinAge);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Reconciler: the claims of packet {PacketId} could not be read this round", packetId);
            return new ReconcileSummary(0, 0, 0, 0, 0, 1);
        }
        if (stale.Count == 0) return new ReconcileSummary(0, 0, 0, 0, 0, 0);
        var fates = await Task.WhenAll(stale.Select(c => FinishAsync(packetId, c, ct)));
        return new ReconcileSummary(0, stale.Count, fates.Count(f => f is ClaimFate.Paid), fates.Count(f => f is ClaimFate.KeptOther),
            fates.Count(f => f is ClaimFate.Dropped), fates.Count(f => f is ClaimFate.Unsettled));
    }

    /// <summary>The same owner of a claim's fate as a tap's: it settles, repairs, forgets or releases, and says which.</summary>
    private async Task<ClaimFate> FinishAsync(long packetId, PendingClaim claim, CancellationToken ct)
    {
        try
        {
            var fate = await settler.FinishAsync(packetId, claim, ct);
            if (fate is ClaimFate.Unsettled u)
                log.LogWarning(u.Error, "Reconciler: claim {Share} of packet {PacketId} by {User} not settled this round", claim.Share, packetId, claim.UserId);
            return fate;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The settle answered, but Redis could not be repaired or told to forget: the next round finds the claim again.
            log.LogWarning(e, "Reconciler: claim {Share} of packet {PacketId} by {User} not finished this round", claim.Share, packetId, claim.UserId);
            return new ClaimFate.Unsettled(e);
        }
    }

    private static ReconcileSummary Add(ReconcileSummary a, ReconcileSummary b) =>
        new(a.PacketsScanned + b.PacketsScanned, a.Abandoned + b.Abandoned, a.Settled + b.Settled, a.Repaired + b.Repaired,
            a.Forgotten + b.Forgotten, a.Failed + b.Failed);
}
