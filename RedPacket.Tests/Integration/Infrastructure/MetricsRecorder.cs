using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using RedPacket.Domain.Observability;

namespace RedPacket.Tests.Integration.Infrastructure;

/// <summary>
/// Records what one test app's <see cref="RedPacketMetrics"/> measure (its own meter instance only, so other
/// test classes running in parallel do not count), from creation until disposal.
/// </summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, KeyValuePair<string, object?>[] Tags)> _seen = new();

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
        _listener.Start();
    }

    public IReadOnlyList<long> Values(string instrument) => _seen.Where(s => s.Instrument == instrument).Select(s => s.Value).ToList();

    public long Sum(string instrument, string? tag = null, object? tagValue = null) =>
        _seen.Where(s => s.Instrument == instrument && (tag is null || s.Tags.Any(t => t.Key == tag && Equals(t.Value, tagValue))))
            .Sum(s => s.Value);

    public void Dispose() => _listener.Dispose();
}
