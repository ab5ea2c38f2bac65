using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Accounts;
using RedPacket.Domain.Common.Batching;
using RedPacket.Domain.Observability;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets.Claiming;

/// <summary>
/// The second stage of settling (ADR 13): the batches of different packets that are ready at the same moment commit
/// in one transaction. Taps interleaved over many packets make per-packet batches of one to three claims; committed
/// one by one, each pays a transaction, its round trips and a log flush, and a node settles about a thousand claims a
/// second. Grouped, one commit carries the batches of up to <see cref="GrabOptions.MaxPacketsPerCommit"/> packets.
/// <para>
/// A packet always goes to the same lane (its id modulo <see cref="GrabOptions.CommitLanes"/>); a lane commits one group
/// at a time, and what queues meanwhile forms its next group, so a quiet node commits at once and a busy one in larger
/// groups. Every commit locks its packets in ascending id order, then their shares, then the accounts in ascending id
/// order, so lanes and nodes never deadlock one another. A group that fails for a reason other than MySQL being down
/// (a packet that is not there, one bad row) is settled again packet by packet, so one packet cannot fail another's claims.
/// </para>
/// </summary>
public sealed class GroupCommitter : IDisposable
{
    private readonly TransactionRunner _transactions;
    private readonly AccountDirectory _accountIds;
    private readonly RedPacketMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly ILogger<GroupCommitter> _log;
    private readonly int _lanes;
    private readonly KeyedBatcher<int, PacketClaims, BatchResult> _batcher;

    public GroupCommitter(TransactionRunner transactions, AccountDirectory accountIds, IOptions<GrabOptions> options, RedPacketMetrics metrics,
        TimeProvider clock, ILogger<GroupCommitter> log)
    {
        (_transactions, _accountIds, _metrics, _clock, _log) = (transactions, accountIds, metrics, clock, log);
        var o = options.Value;
        _lanes = o.CommitLanes;
        // No linger here: the first stage already waited for a packet's taps; a lane's next group forms while it commits.
        _batcher = new KeyedBatcher<int, PacketClaims, BatchResult>(CommitAsync,
            new BatchingOptions(o.MaxPacketsPerCommit, o.CommitLanes, TimeSpan.Zero, IdleAfter: TimeSpan.FromMinutes(10)), clock);
    }

    /// <summary>Settles one packet's batch in the next commit of its lane; the result comes once that commit is durable.</summary>
    public Task<BatchResult> SettleAsync(PacketClaims batch) => _batcher.SubmitAsync(LaneOf(batch.PacketId), batch);

    /// <summary>Batches queued in or committing through the packet's lane (tests wait on it).</summary>
    internal int InLane(long packetId) => _batcher.InFlightCount(LaneOf(packetId));

    internal int LaneOf(long packetId) => (int)(packetId % _lanes);

    private async Task CommitAsync(int lane, Batch<PacketClaims, BatchResult> group)
    {
        try
        {
            var results = await SettleAsync(group.Items);
            _metrics.Committed(group.Items.Count);
            for (var i = 0; i < results.Count; i++) group.Answer(i, results[i]);
        }
        catch (Exception e) when (group.Items.Count > 1 && !MySqlFaults.IsOutage(e))
        {
            _log.LogWarning(e, "A commit of {Count} packets' batches failed; settling each packet alone", group.Items.Count);
            for (var i = 0; i < group.Items.Count; i++)
            {
                try
                {
                    group.Answer(i, (await SettleAsync([group.Items[i]]))[0]);
                    _metrics.Committed(1);
                }
                catch (Exception alone)
                {
                    group.Fail(i, alone);
                }
            }
        }
    }

    private Task<IReadOnlyList<BatchResult>> SettleAsync(IReadOnlyList<PacketClaims> batches) =>
        _transactions.RunAsync((db, ct) => BatchSettlement.SettleInAsync(db, _accountIds, batches, _clock.GetUtcNow(), ct),
            CancellationToken.None);

    public void Dispose() => _batcher.Dispose();
}
