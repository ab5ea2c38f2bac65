using System.Diagnostics.Metrics;

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
    private readonly Counter<long> _retries;
    private readonly Counter<long> _joined;

    public RedPacketMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _grabs = meter.CreateCounter<long>("redpacket.grabs", "{grab}", "Grab answers, by outcome (claimed, already_claimed, or the refusal code).");
        _batchSize = meter.CreateHistogram<int>("redpacket.settle.batch_size", "{claim}", "Claims settled together in one transaction.");
        _settles = meter.CreateCounter<long>("redpacket.settles", "{claim}", "Claims whose money moved (committed).");
        _joined = meter.CreateCounter<long>("redpacket.settle.joined", "{tap}",
            "Repeat taps that waited for their claim's settle already in flight instead of starting one.");
        _retries = meter.CreateCounter<long>("redpacket.transaction.retries", "{retry}",
            "Transactions rolled back and retried whole, by MySQL error number (0: lost optimistic-concurrency race).");
    }

    public void Grabbed(string outcome) => _grabs.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void BatchSettled(int claims, int settledNow)
    {
        _batchSize.Record(claims);
        if (settledNow > 0) _settles.Add(settledNow);
    }

    public void JoinedSettle() => _joined.Add(1);

    public void Retried(int errorNumber) => _retries.Add(1, new KeyValuePair<string, object?>("error", errorNumber));
}
