using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Accounts;
using RedPacket.Domain.Observability;
using RedPacket.Domain.Packets.Events;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets.Claiming;

/// <summary>
/// Settles the claims Redis hands out, one writer per packet on this node (the per-id serialization WeChat's
/// red-packet system uses). One packet's settles serialize on its row lock anyway, so while one batch commits the
/// next claims queue up and go together in the next transaction: the packet is locked once per batch, not once
/// per claim. Different packets settle in parallel, up to <see cref="GrabOptions.MaxParallelPackets"/>.
/// <para>
/// Each caller hears its answer only after its batch committed. A (packet, user) has at most one settle in
/// flight on this node: a repeat tap while it settles waits for that same settle. Once committed, the claims are
/// marked settled in Redis, so later repeats never reach MySQL. Several nodes may settle the same packet: the
/// packet row lock keeps that correct, batching is per node.
/// </para>
/// </summary>
public sealed class SettleBatcher(
    TransactionRunner transactions,
    AccountDirectory accountIds,
    ClaimReleaser releaser,
    RedisPacketStore redis,
    GroupEventPublisher events,
    RedPacketMetrics metrics,
    IOptions<GrabOptions> options,
    TimeProvider clock,
    ILogger<SettleBatcher> log)
{
    private readonly ConcurrentDictionary<long, PacketQueue> _queues = new();
    private readonly ConcurrentDictionary<(long PacketId, string UserId), Task<SettleOutcome>> _inFlight = new();
    private readonly ConcurrentDictionary<long, int> _settling = new();
    private const int SweepEveryDrains = 1000;
    private const long IdleQueueMs = 60_000;
    private long _drains;
    private readonly SemaphoreSlim _parallel = new(Math.Max(1, options.Value.MaxParallelPackets));

    /// <summary>
    /// Settles one claim, or joins the settle of the same (packet, user) already in flight on this node.
    /// The settle itself is never cancelled (a batch is shared); <paramref name="ct"/> only stops the waiting.
    /// A batch that fails for good throws to each of its callers after its claims were released.
    /// </summary>
    public Task<SettleOutcome> SettleAsync(long packetId, PendingClaim claim, CancellationToken ct = default)
    {
        var pending = new Pending(claim);
        var task = _inFlight.GetOrAdd((packetId, claim.UserId), pending.Completion.Task);
        if (task != pending.Completion.Task)
        {
            metrics.JoinedSettle();
        }
        else
        {
            var queue = _queues.GetOrAdd(packetId, _ => new PacketQueue());
            Volatile.Write(ref queue.LastActive, Environment.TickCount64);
            queue.Items.Enqueue(pending);
            if (Interlocked.CompareExchange(ref queue.Running, 1, 0) == 0)
                _ = Task.Run(() => DrainAsync(packetId, queue));
        }
        return ct.CanBeCanceled ? task.WaitAsync(ct) : task;
    }

    /// <summary>Claims of the packet waiting for the next batch on this node (tests wait on it).</summary>
    internal int QueuedCount(long packetId) => _queues.TryGetValue(packetId, out var q) ? q.Items.Count : 0;

    /// <summary>Claims of the packet taken into a batch that has not finished yet, on this node (tests wait on it).</summary>
    internal int SettlingCount(long packetId) => _settling.TryGetValue(packetId, out var n) ? n : 0;

    /// <summary>Claims of the packet queued or in a batch on this node (tests wait on it).</summary>
    internal int InFlightCount(long packetId) => _inFlight.Keys.Count(k => k.PacketId == packetId);

    /// <summary>Settles batches until the queue is empty, then lets the writer go (it restarts with the next claim).</summary>
    private async Task DrainAsync(long packetId, PacketQueue queue)
    {
        // The writer outlives the grab that started it: its batches must not become that grab's children.
        Activity.Current = null;
        if (options.Value.Linger > TimeSpan.Zero && queue.Items.Count < options.Value.MaxBatch)
            await Task.Delay(options.Value.Linger);
        while (true)
        {
            while (!queue.Items.IsEmpty)
            {
                await _parallel.WaitAsync();
                try
                {
                    // Taken after the wait: what queued meanwhile joins this batch.
                    var batch = new List<Pending>();
                    while (batch.Count < options.Value.MaxBatch && queue.Items.TryDequeue(out var next)) batch.Add(next);
                    _settling.AddOrUpdate(packetId, batch.Count, (_, n) => n + batch.Count);
                    try
                    {
                        if (batch.Count > 0) await SettleBatchAsync(packetId, batch);
                    }
                    catch (Exception e)
                    {
                        // A writer must never die with callers waiting on it.
                        log.LogError(e, "The settle writer of packet {PacketId} failed", packetId);
                        foreach (var p in batch) p.Completion.TrySetException(e);
                    }
                    finally
                    {
                        if (_settling.AddOrUpdate(packetId, 0, (_, n) => n - batch.Count) == 0) _settling.TryRemove(KeyValuePair.Create(packetId, 0));
                    }
                }
                finally
                {
                    _parallel.Release();
                }
            }
            Volatile.Write(ref queue.Running, 0);
            // A claim may have arrived between the last dequeue and the write above: take it, unless its enqueuer did.
            if (queue.Items.IsEmpty || Interlocked.CompareExchange(ref queue.Running, 1, 0) != 0) break;
        }
        if (Interlocked.Increment(ref _drains) % SweepEveryDrains == 0) SweepIdleQueues();
    }

    /// <summary>
    /// Forgets the queues of packets nobody tapped for a while. Only long-idle ones: a queue dropped while a claim
    /// is being added to it would give the packet a second writer, which is correct (the row lock) but not batched.
    /// </summary>
    private void SweepIdleQueues()
    {
        var now = Environment.TickCount64;
        foreach (var (packetId, queue) in _queues)
            if (Volatile.Read(ref queue.Running) == 0 && queue.Items.IsEmpty && now - Volatile.Read(ref queue.LastActive) > IdleQueueMs)
                _queues.TryRemove(KeyValuePair.Create(packetId, queue));
    }

    private async Task SettleBatchAsync(long packetId, List<Pending> batch)
    {
        var claims = batch.Select(p => p.Claim).ToList();
        using var activity = StartBatchActivity(packetId, batch);
        try
        {
            BatchResult result;
            try
            {
                result = await transactions.RunAsync(
                    (db, ct) => BatchSettlement.SettleInAsync(db, accountIds, packetId, claims, clock.GetUtcNow(), ct), CancellationToken.None);
            }
            catch (Exception e)
            {
                log.LogError(e, "Settling a batch of {Count} claims of packet {PacketId} failed; releasing them", batch.Count, packetId);
                activity?.SetStatus(ActivityStatusCode.Error, e.GetBaseException().Message);
                // A commit whose reply was lost paid these users after all: they hear so, the others hear the failure.
                var paid = await releaser.ReleaseIfUnsettledAsync(packetId, claims);
                foreach (var p in batch)
                    if (paid.TryGetValue(p.Claim.UserId, out var settled)) p.Completion.TrySetResult(settled);
                    else p.Completion.TrySetException(e);
                return;
            }

            metrics.BatchSettled(batch.Count, result.Outcomes.Count(o => o is SettleOutcome.Settled { JustNow: true }));
            var failed = Enumerable.Range(0, batch.Count).Where(i => result.Outcomes[i] is SettleOutcome.Failed).ToList();
            if (failed.Count > 0) await releaser.ReleaseIfUnsettledAsync(packetId, failed.Select(i => claims[i]).ToList());
            for (var i = 0; i < batch.Count; i++) batch[i].Completion.TrySetResult(result.Outcomes[i]);

            await MarkSettledAsync(packetId, claims, result.Outcomes);
            await PublishAsync(packetId, claims, result);
        }
        finally
        {
            // Only now: a repeat that came while the marks were written joined the finished task instead of
            // starting a MySQL round trip of its own.
            foreach (var p in batch) _inFlight.TryRemove(KeyValuePair.Create((packetId, p.Claim.UserId), p.Completion.Task));
        }
    }

    /// <summary>
    /// A batch serves many grabs, so it is a span of its own linked to each grab's span (the OpenTelemetry way to
    /// trace batching), not the child of whichever grab came first. Nothing is built while nobody listens.
    /// </summary>
    private static Activity? StartBatchActivity(long packetId, List<Pending> batch)
    {
        if (!RedPacketActivities.Source.HasListeners()) return null;
        var links = batch.Where(p => p.Caller != default).Select(p => new ActivityLink(p.Caller));
        return RedPacketActivities.Source.StartActivity(RedPacketActivities.SettleBatch, ActivityKind.Internal, parentContext: default, links: links)
            ?.SetTag(RedPacketActivities.PacketIdTag, packetId)
            .SetTag(RedPacketActivities.BatchSizeTag, batch.Count);
    }

    private async Task MarkSettledAsync(long packetId, List<PendingClaim> claims, IReadOnlyList<SettleOutcome> outcomes)
    {
        var settled = claims.Where((_, i) => outcomes[i] is SettleOutcome.Settled).Select(c => (c.UserId, c.Share)).ToList();
        try
        {
            await redis.MarkSettledAsync(packetId, settled);
        }
        catch (Exception e)
        {
            // Only speed is lost: the next repeat of these users settles again (idempotent) and marks them then.
            log.LogWarning(e, "Could not mark {Count} claims of packet {PacketId} settled in Redis", settled.Count, packetId);
        }
    }

    /// <summary>
    /// To the group: each claim paid now (coalesced by the web sink) and the sell-out. To the sender alone: one
    /// <see cref="PacketOpened"/> per claim, with the name the batch already read with the account ids.
    /// </summary>
    private async Task PublishAsync(long packetId, List<PendingClaim> claims, BatchResult result)
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
        if (result.RemainingCount == 0 && result.Outcomes.Any(o => o is SettleOutcome.Settled { JustNow: true }))
            await events.PublishAsync(new PacketSoldOut(result.GroupId, packetId));
    }

    private sealed class PacketQueue
    {
        public readonly ConcurrentQueue<Pending> Items = new();
        public int Running;
        public long LastActive;
    }

    private sealed class Pending(PendingClaim claim)
    {
        public PendingClaim Claim { get; } = claim;
        /// <summary>The grab's span, for the batch span to link to (default when nobody traces).</summary>
        public ActivityContext Caller { get; } = Activity.Current?.Context ?? default;
        // Callers continue on their own threads, not on the writer's.
        public TaskCompletionSource<SettleOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
