using System.Collections.Concurrent;
using System.Diagnostics;
using RedPacket.Domain.Observability;
using RedPacket.Tests.Support;
using static RedPacket.Domain.Observability.RedPacketActivities;

namespace RedPacket.Tests.Integration.Packets;

public sealed class TracingTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private const string TestSourceName = "RedPacket.Tests.Tracing";
    private static readonly ActivitySource TestSource = new(TestSourceName);

    [Fact]
    public async Task Grab_WhileTraced_GrabSpanAndItsOwnSettleBatchSpanLinkedToIt()
    {
        var sender = await Driver.UserAsync("sender", 300);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(sender, bob);
        var packet = await Driver.SendAsync(sender, group, 300, 3);
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is SourceName or TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        // The listener hears every test's spans: this parent picks out ours.
        var request = TestSource.StartActivity("request")!;
        try
        {
            await Driver.GrabAsync(packet.PacketId, bob);
        }
        finally
        {
            request.Stop();
        }

        var grab = Assert.Single(stopped, a => a.OperationName == Grab && a.ParentSpanId == request.SpanId);
        Assert.Equal(packet.PacketId, grab.GetTagItem(PacketIdTag));
        Assert.Equal("claimed", grab.GetTagItem(OutcomeTag));
        Activity? Batch() => stopped.FirstOrDefault(a => a.OperationName == SettleBatch && a.Links.Any(l => l.Context.SpanId == grab.SpanId));
        // The batch span ends after the Redis marks and events, which may be after the grab answered.
        await Eventually.TrueAsync(() => Batch() is not null, "the settle batch span linked to the grab ended");
        var batch = Batch()!;
        // A trace of its own: the batch serves many grabs, it is nobody's child.
        Assert.Equal(default, batch.ParentSpanId);
        Assert.NotEqual(grab.TraceId, batch.TraceId);
        Assert.Equal(packet.PacketId, batch.GetTagItem(PacketIdTag));
        Assert.Equal(1, batch.GetTagItem(BatchSizeTag));
    }
}
