using System.Diagnostics.Metrics;
using RedPacket.Domain.Refunds;

namespace RedPacket.Domain.Observability;

/// <summary>
/// The app's own instruments, on the meter <see cref="MeterName"/> (exported through OpenTelemetry by the web host).
/// Created through <see cref="IMeterFactory"/>, so each host (and each test fixture) has meters of its own.
/// </summary>
public sealed class RedPacketMetrics
{
    public const string MeterName = "RedPacket";

    private readonly Counter<long> _grabs;
    private readonly Histogram<int> _batchSize;
    private readonly Counter<long> _settles;
    private readonly Histogram<int> _commitPackets;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _joined;
    private readonly Counter<long> _refunds;
    private readonly Histogram<double> _refundRunDuration;
    private readonly Histogram<double> _redisScriptDuration;
    private readonly Counter<long> _redisRetries;

    public RedPacketMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _grabs = meter.CreateCounter<long>("redpacket.grabs", "{grab}", "Grab answers, by outcome (claimed, already_claimed, or the refusal code).");
        // Powers of two up to past MaxBatch (200): the default boundaries (0, 5, 10 ...) would lump 1 to 5 together.
        _batchSize = meter.CreateHistogram<int>("redpacket.settle.batch_size", "{claim}", "Claims settled together in one transaction.",
            tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        _commitPackets = meter.CreateHistogram<int>("redpacket.settle.commit_packets", "{packet}",
            "Packets whose batches settled together in one commit (the group commit).", tags: null,
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128] });
        _settles = meter.CreateCounter<long>("redpacket.settles", "{claim}", "Claims whose money moved (committed).");
        _joined = meter.CreateCounter<long>("redpacket.settle.joined", "{tap}",
            "Repeat taps that waited for their claim's settle already in flight instead of starting one.");
        _retries = meter.CreateCounter<long>("redpacket.transaction.retries", "{retry}",
            "Transactions rolled back and retried whole, by MySQL error number (0: lost optimistic-concurrency race).");
        _refunds = meter.CreateCounter<long>("redpacket.refunds", "{packet}",
            "Expired packets the refund runs handled, by result (refunded, nothing_to_do, failed).");
        // Bucket advice: the SDK's default boundaries (0, 5, 10, 25 ... 10000) would put every run in the first
        // few buckets and every Redis call in the first one.
        _refundRunDuration = meter.CreateHistogram<double>("redpacket.refund.run.duration", "s",
            "One refund run, from the first page of the scan to its last refund.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
        _redisScriptDuration = meter.CreateHistogram<double>("redpacket.redis.script.duration", "ms",
            "Round trip of one Redis script call as the app sees it (queueing in the multiplexer included), by script.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 1000] });
        _redisRetries = meter.CreateCounter<long>("redpacket.redis.script.retries", "{retry}",
            "Script calls sent again after a passing failure (a dropped connection, a timeout, LOADING, READONLY ...), by script.");
    }

    public void RedisRetried(string script) => _redisRetries.Add(1, new KeyValuePair<string, object?>("script", script));

    public void Grabbed(string outcome) => _grabs.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void BatchSettled(int claims, int settledNow)
    {
        _batchSize.Record(claims);
        if (settledNow > 0) _settles.Add(settledNow);
    }

    public void Committed(int packets) => _commitPackets.Record(packets);

    public void JoinedSettle() => _joined.Add(1);

    public void Retried(int errorNumber) => _retries.Add(1, new KeyValuePair<string, object?>("error", errorNumber));

    /// <summary>Zeros are added too, so every result has a series from the first run on (a rate of 0, not a gap).</summary>
    public void RefundRunFinished(RefundRunSummary run, TimeSpan took)
    {
        _refunds.Add(run.Refunded, new KeyValuePair<string, object?>("result", "refunded"));
        _refunds.Add(run.NothingToDo, new KeyValuePair<string, object?>("result", "nothing_to_do"));
        _refunds.Add(run.Failed, new KeyValuePair<string, object?>("result", "failed"));
        _refundRunDuration.Record(took.TotalSeconds);
    }

    public void RedisScriptEvaluated(string script, TimeSpan took) =>
        _redisScriptDuration.Record(took.TotalMilliseconds, new KeyValuePair<string, object?>("script", script));
}
