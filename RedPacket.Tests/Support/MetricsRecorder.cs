using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using RedPacket.Domain.Observability;

namespace RedPacket.Tests.Support;

/// <summary>
/// Records what one test app's <see cref="RedPacketMetrics"/> measure (its own meter instance only, so other
/// test classes running in parallel do not count), from creation until disposal.
/// </summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _seen = new();

    public MetricsRecorder(ITestApp app)
    {
        var factory = app.Get<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RedPacketMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => _seen.Enqueue((i.Name, v, tags.ToArray())));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => _seen.Enqueue((i.Name, v, tags.ToArray())));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => _seen.Enqueue((i.Name, v, tags.ToArray())));
        _listener.Start();
    }

    public IReadOnlyList<long> Values(string instrument) => Matching(instrument).Select(s => (long)s.Value).ToList();

    public long Sum(string instrument, string? tag = null, object? tagValue = null) =>
        (long)Matching(instrument, tag, tagValue).Sum(s => s.Value);

    /// <summary>How many measurements were taken (a histogram's count; a counter's adds, zeros included).</summary>
    public int Count(string instrument, string? tag = null, object? tagValue = null) => Matching(instrument, tag, tagValue).Count();

    private IEnumerable<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> Matching(
        string instrument, string? tag = null, object? tagValue = null) =>
        _seen.Where(s => s.Instrument == instrument && (tag is null || s.Tags.Any(t => t.Key == tag && Equals(t.Value, tagValue))));

    public void Dispose() => _listener.Dispose();
}
