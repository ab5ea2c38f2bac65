using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Accounts;
using RedPacket.Domain.Common.Batching;
using RedPacket.Domain.Observability;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets.Claiming;

/// <summary>
/// The one owner of a claim's fate, from the pop in Redis to the user's answer: it settles the claim in MySQL, then
/// makes Redis agree (marks it settled, repairs it to the share MySQL paid, forgets it, or releases it when the settle
/// failed) and returns what became of it. Taps and the reconciler both come here, so no claim is decided twice.
/// <para>
/// Settling is batched per packet on this node (<see cref="KeyedBatcher{TKey, TItem, TResult}"/>, the per-id
/// serialization WeChat's red-packet system uses): one packet's settles serialize on its row lock anyway, so while one
/// batch commits the next claims queue and go together; and the batches of different packets that are ready at the same
/// moment commit in one transaction (<see cref="GroupCommitter"/>). A repeat of the very same claim (user and share) joins the
/// settle in flight; a claim of another share never does, so a retry after <see cref="ClaimFate.Dropped"/> cannot inherit
/// the old share's answer. Each caller hears its answer only after its batch committed; several nodes may settle the
/// same packet (the row lock keeps that correct).
/// </para>
/// </summary>
public sealed class ClaimSettler : IDisposable
{
    private readonly TransactionRunner _transactions;
    private readonly GroupCommitter _commits;
    private readonly RedisPacketStore _redis;
    private readonly ClaimAnnouncer _announcer;
    private readonly RedPacketMetrics _metrics;
    private readonly ILogger<ClaimSettler> _log;
    private readonly KeyedBatcher<long, PendingClaim, SettleOutcome> _batcher;

    public ClaimSettler(TransactionRunner transactions, GroupCommitter commits, RedisPacketStore redis, ClaimAnnouncer announcer,
        RedPacketMetrics metrics, IOptions<GrabOptions> options, TimeProvider clock, ILogger<ClaimSettler> log)
    {
        (_transactions, _commits, _redis, _announcer, _metrics, _log) = (transactions, commits, redis, announcer, metrics, log);
        var o = options.Value;
        _batcher = new KeyedBatcher<long, PendingClaim, SettleOutcome>(SettleBatchAsync,
            new BatchingOptions(o.MaxBatch, o.MaxParallelPackets, o.Linger, IdleQueue), clock, metrics.JoinedSettle);
    }

    /// <summary>How long a packet's queue on this node outlives its last claim.</summary>
    public static readonly TimeSpan IdleQueue = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Settles <paramref name="claim"/> (or joins the same claim's settle in flight), brings Redis in line with MySQL,
    /// and says what became of it. The settle itself is never cancelled (a batch is shared); <paramref name="ct"/>
    /// only stops the waiting.
    /// </summary>
    public async Task<ClaimFate> FinishAsync(long packetId, PendingClaim claim, CancellationToken ct = default)
    {
        SettleOutcome outcome;
        try
        {
            var settle = _batcher.SubmitAsync(packetId, claim);
            outcome = ct.CanBeCanceled ? await settle.WaitAsync(ct) : await settle;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The batch failed for good: its claims were released when MySQL said they had not committed.
            return new ClaimFate.Unsettled(e);
        }
        switch (outcome)
        {
            case SettleOutcome.Settled s:
                return new ClaimFate.Paid(s.AmountCents, s.RemainingCount, s.JustNow);
            case SettleOutcome.HoldsOther h:
                await _redis.RepairAsync(packetId, claim.UserId, h.Held, claim.Share);
                return new ClaimFate.KeptOther(h.Held, h.RemainingCount);
            case SettleOutcome.Gone g:
                await _redis.ForgetAsync(packetId, claim.UserId, claim.Share);
                var refunded = g.Share == ShareStatus.Refunded || g.Packet == PacketStatus.Refunded;
                if (!refunded)
                    _log.LogWarning("Packet {PacketId}: Redis gave share {Share} to {User}, but MySQL has it {Status}; the claim is dropped",
                        packetId, claim.Share, claim.UserId, g.Share);
                return new ClaimFate.Dropped(refunded);
            case SettleOutcome.Failed f:
                _log.LogError(f.Error, "Share {Share} of packet {PacketId} could not be settled for {User}", claim.Share, packetId, claim.UserId);
                return new ClaimFate.Unsettled(f.Error);
            default:
                throw new InvalidOperationException($"Unknown settle outcome {outcome}.");
        }
    }

    /// <summary>Claims of the packet queued or in a batch on this node (tests wait on it).</summary>
    internal int InFlightCount(long packetId) => _batcher.InFlightCount(packetId);

    /// <summary>Claims of the packet taken into a batch that has not finished yet, on this node (tests wait on it).</summary>
    internal int SettlingCount(long packetId) => _batcher.RunningCount(packetId);

    private async Task SettleBatchAsync(long packetId, Batch<PendingClaim, SettleOutcome> batch)
    {
        var claims = batch.Items;
        using var activity = StartBatchActivity(packetId, batch);
        BatchResult result;
        try
        {
            result = await _commits.SettleAsync(new PacketClaims(packetId, claims));
        }
        catch (Exception e)
        {
            _log.LogError(e, "Settling a batch of {Count} claims of packet {PacketId} failed; releasing them", claims.Count, packetId);
            activity?.SetStatus(ActivityStatusCode.Error, e.GetBaseException().Message);
            // A commit whose reply was lost paid these users after all: they hear so, the others hear the failure.
            var paid = await ReleaseIfUnsettledAsync(packetId, claims);
            for (var i = 0; i < claims.Count; i++)
                if (paid.TryGetValue(claims[i].UserId, out var settled)) batch.Answer(i, settled);
                else batch.Fail(i, e);
            return;
        }

        _metrics.BatchSettled(claims.Count, result.Outcomes.Count(o => o is SettleOutcome.Settled { JustNow: true }));
        var failed = Enumerable.Range(0, claims.Count).Where(i => result.Outcomes[i] is SettleOutcome.Failed).Select(i => claims[i]).ToList();
        if (failed.Count > 0) await ReleaseIfUnsettledAsync(packetId, failed);
        for (var i = 0; i < claims.Count; i++) batch.Answer(i, result.Outcomes[i]);

        await MarkSettledAsync(packetId, claims, result.Outcomes);
        await _announcer.AnnounceAsync(packetId, claims, result, soldOut: result.RemainingCount == 0);
    }

    /// <summary>
    /// A batch serves many grabs, so it is a span of its own linked to each grab's span (the OpenTelemetry way to
    /// trace batching), not the child of whichever grab came first. Nothing is built while nobody listens.
    /// </summary>
    private static Activity? StartBatchActivity(long packetId, Batch<PendingClaim, SettleOutcome> batch)
    {
        if (!RedPacketActivities.Source.HasListeners()) return null;
        var links = batch.Callers.Where(c => c != default).Select(c => new ActivityLink(c));
        return RedPacketActivities.Source.StartActivity(RedPacketActivities.SettleBatch, ActivityKind.Internal, parentContext: default, links: links)
            ?.SetTag(RedPacketActivities.PacketIdTag, packetId)
            .SetTag(RedPacketActivities.BatchSizeTag, batch.Items.Count);
    }

    private async Task MarkSettledAsync(long packetId, IReadOnlyList<PendingClaim> claims, IReadOnlyList<SettleOutcome> outcomes)
    {
        var settled = claims.Where((_, i) => outcomes[i] is SettleOutcome.Settled).Select(c => (c.UserId, c.Share)).ToList();
        try
        {
            await _redis.MarkSettledAsync(packetId, settled);
        }
        catch (Exception e)
        {
            // Only speed is lost: the next repeat of these users settles again (idempotent) and marks them then.
            _log.LogWarning(e, "Could not mark {Count} claims of packet {PacketId} settled in Redis", settled.Count, packetId);
        }
    }

    /// <summary>
    /// Undoes the Redis claims whose settle failed, so their shares can be grabbed again, and answers the ones MySQL
    /// holds after all (a commit whose reply was lost): those come back as settled (not "just now": this cannot tell
    /// whether that very batch paid them) and are marked settled. The check and the undo happen under the packet's row
    /// lock, so no settle of the same share commits in between. When even that fails, nothing is released: the user's
    /// next tap, the reconciler or the refund at expiry finishes the claims.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, SettleOutcome.Settled>> ReleaseIfUnsettledAsync(long packetId,
        IReadOnlyList<PendingClaim> claims)
    {
        var committed = new Dictionary<string, SettleOutcome.Settled>();
        try
        {
            await _transactions.RunAsync(async (db, ct) =>
            {
                committed.Clear();
                var packet = await db.LockPacketAsync(packetId, ct);
                var shares = (await db.LockSharesAsync(packetId, claims.Select(c => c.Share.Seq).Distinct().ToList(), ct))
                    .ToDictionary(s => s.Seq);
                foreach (var (userId, share) in claims)
                {
                    if (!shares.TryGetValue(share.Seq, out var row)) continue;
                    if (row.Status == ShareStatus.Unclaimed) await _redis.ReleaseAsync(packetId, userId, share);
                    else if (row.Status == ShareStatus.Claimed && row.ReceiverUserId == userId)
                        committed[userId] = new SettleOutcome.Settled(row.AmountCents, packet!.RemainingCount, JustNow: false);
                }
            }, CancellationToken.None);
            if (committed.Count > 0)
                await _redis.MarkSettledAsync(packetId, claims.Where(c => committed.ContainsKey(c.UserId)).Select(c => (c.UserId, c.Share)).ToList());
        }
        catch (Exception e)
        {
            _log.LogError(e, "Could not release {Count} claims of packet {PacketId}; they stay claimed in Redis", claims.Count, packetId);
        }
        return committed;
    }

    public void Dispose() => _batcher.Dispose();
}
