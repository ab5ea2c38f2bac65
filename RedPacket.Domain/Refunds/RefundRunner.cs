using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Observability;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Refunds;

public sealed record RefundRunSummary(Guid JobRunId, int Found, int Refunded, int NothingToDo, int Failed, long RefundedCents);

/// <summary>
/// One run of the refund job: pages through packets past their expiry that still hold shares and
/// refunds them with bounded parallelism. A bounded channel between the scan and a fixed number of
/// workers keeps memory and connections flat however many packets expired.
/// </summary>
public sealed class RefundRunner(
    IDbContextFactory<RedPacketDb> contexts,
    PacketRefunder refunder,
    IOptions<RefundOptions> options,
    TimeProvider clock,
    RedPacketMetrics metrics,
    ILogger<RefundRunner> log)
{
    public async Task<RefundRunSummary> RunOnceAsync(CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        var runId = Guid.NewGuid();
        var now = clock.GetUtcNow();
        var o = options.Value;
        var queue = Channel.CreateBounded<long>(new BoundedChannelOptions(Math.Max(1, o.Parallelism) * 2) { SingleWriter = true });
        var results = new System.Collections.Concurrent.ConcurrentBag<RefundResult>();

        var workers = Enumerable.Range(0, Math.Max(1, o.Parallelism)).Select(_ => Task.Run(async () =>
        {
            await foreach (var packetId in queue.Reader.ReadAllAsync(ct))
                results.Add(await refunder.RefundAsync(packetId, runId, ct));
        }, ct)).ToList();

        var found = 0;
        try
        {
            var expired = PacketIdPages.ReadAsync(contexts, p => p.Status == PacketStatus.Open && p.RemainingCount > 0 && p.ExpiresAt <= now,
                o.PageSize, ct);
            await foreach (var page in expired)
                foreach (var packetId in page)
                {
                    found++;
                    await queue.Writer.WriteAsync(packetId, ct);
                }
        }
        finally
        {
            queue.Writer.Complete();
        }
        await Task.WhenAll(workers);

        var summary = new RefundRunSummary(runId, found,
            results.Count(r => r.Kind == RefundResultKind.Refunded),
            results.Count(r => r.Kind == RefundResultKind.NothingToDo),
            results.Count(r => r.Kind == RefundResultKind.Failed),
            results.Sum(r => r.AmountCents));
        metrics.RefundRunFinished(summary, Stopwatch.GetElapsedTime(started));
        log.LogInformation("Refund run {RunId}: {Found} expired, {Refunded} refunded ({Cents} cents), {Failed} failed",
            runId, found, summary.Refunded, summary.RefundedCents, summary.Failed);
        return summary;
    }
}
