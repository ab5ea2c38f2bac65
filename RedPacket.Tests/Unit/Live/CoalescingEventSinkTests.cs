using Microsoft.Extensions.Logging.Abstractions;
using RedPacket.Domain.Packets.Events;
using RedPacket.Tests.Support;
using RedPacket.Web.Live;

namespace RedPacket.Tests.Unit.Live;

public sealed class CoalescingEventSinkTests : IAsyncLifetime
{
    private readonly RecordingHub _hub = new();
    private readonly CoalescingEventSink _sink;

    public CoalescingEventSinkTests() =>
        _sink = new CoalescingEventSink(new HubBroadcaster(_hub), null, NullLogger<CoalescingEventSink>.Instance);

    public Task InitializeAsync() => _sink.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        _hub.Release();
        await _sink.StopAsync(CancellationToken.None);
    }

    private static PacketClaimed Claim(int remaining) => new(7, 42, $"u{remaining}", 10, remaining);

    private List<(string Target, string Method, object? Payload)> Sent => _hub.Sent.ToList();

    [Fact]
    public async Task Publish_WhileTheHubIsStuck_ReturnsAtOnce()
    {
        _hub.Hold();

        var publish = _sink.PublishAsync(Claim(3));

        Assert.True(publish.IsCompleted);
        await publish;
        Assert.Empty(Sent);
    }

    [Fact]
    public async Task ClaimsOfOnePacket_InOneWindow_OneMessageWithTheLatestCountThenTheSoldOutLast()
    {
        await _sink.PublishAsync(Claim(99));
        await Eventually.TrueAsync(() => Sent.Any(s => s.Method == HubEventNames.PacketClaimed), "the first claim sent at once");
        for (var left = 98; left >= 0; left--) await _sink.PublishAsync(Claim(left));
        await _sink.PublishAsync(new PacketSoldOut(7, 42));

        await Eventually.TrueAsync(() => Sent.Any(s => s.Method == HubEventNames.PacketSoldOut), "the sold-out");
        var toGroup = Sent.Where(s => s.Target == PacketHub.GroupName(7)).ToList();
        var claims = toGroup.Where(s => s.Method == HubEventNames.PacketClaimed).Select(s => ((PacketClaimed)s.Payload!).RemainingCount).ToList();
        // 100 claims: the first at once, then the rest folded into one message that carries the last count.
        Assert.Equal([99, 0], claims);
        Assert.Equal(HubEventNames.PacketSoldOut, toGroup[^1].Method);
        // Every claimer is told their balance moved, one by one.
        Assert.Equal(100, Sent.Count(s => s.Method == HubEventNames.BalanceChanged));
    }

    [Fact]
    public async Task AQuietPacket_ItsLastClaimStillArrivesWhenTheWindowEnds()
    {
        await _sink.PublishAsync(Claim(5));
        await _sink.PublishAsync(Claim(4));
        await _sink.PublishAsync(Claim(3));

        await Eventually.TrueAsync(() => Sent.Any(s => s.Payload is PacketClaimed { RemainingCount: 3 }), "the latest count");
        Assert.DoesNotContain(Sent, s => s.Payload is PacketClaimed { RemainingCount: 4 });
    }

    [Fact]
    public async Task CountsArrivingOutOfOrder_TheLowestWins()
    {
        _hub.Hold();
        await _sink.PublishAsync(Claim(9));
        await _sink.PublishAsync(Claim(2));
        await _sink.PublishAsync(Claim(5));
        _hub.Release();

        await Eventually.TrueAsync(() => Sent.Any(s => s.Payload is PacketClaimed { RemainingCount: 2 }), "the lowest count");
        Assert.DoesNotContain(Sent, s => s.Payload is PacketClaimed { RemainingCount: 5 });
    }

    [Fact]
    public async Task PacketOpened_ManyInOneWindow_EachSentToTheSenderAloneInOrder()
    {
        var at = DateTimeOffset.UnixEpoch;
        for (var i = 0; i < 20; i++)
        {
            await _sink.PublishAsync(Claim(19 - i));
            await _sink.PublishAsync(new PacketOpened(7, 42, "alice", $"u{i}", $"user {i}", 10 + i, at.AddSeconds(i)));
        }

        await Eventually.TrueAsync(() => Sent.Count(s => s.Method == HubEventNames.PacketOpened) == 20, "every notice sent");
        var notices = Sent.Where(s => s.Method == HubEventNames.PacketOpened).ToList();
        Assert.All(notices, n => Assert.Equal("user:alice", n.Target));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"u{i}"), notices.Select(n => ((PacketOpened)n.Payload!).ClaimerUserId));
        Assert.DoesNotContain(Sent, s => s.Method == HubEventNames.PacketOpened && s.Target == PacketHub.GroupName(7));
    }

    [Fact]
    public async Task Publish_HubStuckAndTheQueueFull_FurtherEventsDroppedAndCountedNotHeld()
    {
        _hub.Hold();
        var small = new CoalescingEventSink(new HubBroadcaster(_hub), null, NullLogger<CoalescingEventSink>.Instance, capacity: 10);
        await small.StartAsync(CancellationToken.None);
        try
        {
            for (var i = 0; i < 100; i++) await small.PublishAsync(new MessagePosted(7, i, "u", "u", "flood", DateTimeOffset.UnixEpoch));

            // One event is with the stuck hub, ten wait in the queue: the rest were dropped rather than held in memory.
            Assert.InRange(small.Dropped, 89, 90);
        }
        finally
        {
            _hub.Release();
            await small.StopAsync(CancellationToken.None);
        }
    }
}
