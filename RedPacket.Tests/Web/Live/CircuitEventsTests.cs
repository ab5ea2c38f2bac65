using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Packets.Events;
using RedPacket.Domain.Redis;
using RedPacket.Tests.Support;
using RedPacket.Tests.Unit.Live;
using RedPacket.Web.Live;
using StackExchange.Redis;

namespace RedPacket.Tests.Web.Live;

/// <summary>The circuits' in-memory feed, alone and across two nodes through Redis (each node its own multiplexer).</summary>
public sealed class CircuitEventsTests : IAsyncLifetime
{
    private readonly string _prefix = TestServers.UniqueName("ce") + ":";
    private readonly List<ConnectionMultiplexer> _connections = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var c in _connections) await c.DisposeAsync();
    }

    private async Task<(CircuitEvents Events, ConnectionMultiplexer Redis)> NodeAsync(bool crossNode = true)
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        _connections.Add(redis);
        return (new CircuitEvents(redis, Options.Create(new LiveOptions { RedisBackplane = crossNode }),
            Options.Create(new RedisOptions { KeyPrefix = _prefix }), NullLogger<CircuitEvents>.Instance), redis);
    }

    private async Task<long> SubscribersAsync(ConnectionMultiplexer redis, long groupId)
    {
        var reply = (RedisResult[])(await redis.GetServers()[0].ExecuteAsync("PUBSUB", "NUMSUB", $"{_prefix}live:g:{groupId}"))!;
        return (long)reply[1];
    }

    private static (ConcurrentQueue<GroupEvent> Seen, Func<GroupEvent, Task> OnEvent) Recorder()
    {
        var seen = new ConcurrentQueue<GroupEvent>();
        return (seen, e => { seen.Enqueue(e); return Task.CompletedTask; });
    }

    [Fact]
    public async Task Publish_OnAnotherNode_ReachesThisNodesCircuitThroughRedis()
    {
        var (a, _) = await NodeAsync();
        var (b, _) = await NodeAsync();
        var (seen, onEvent) = Recorder();
        await using var watch = await a.WatchGroupAsync(7, "alice", onEvent);

        await b.PublishAsync(new PacketClaimed(7, 42, "bob", 120, 2));

        await Eventually.TrueAsync(() => seen.OfType<PacketClaimed>().Any(c => c.PacketId == 42 && c.RemainingCount == 2), "node A's circuit told");
    }

    [Fact]
    public async Task Watch_OnlyWhileACircuitWatches_TheNodeSubscribesToTheGroup()
    {
        var (a, redis) = await NodeAsync();

        Assert.Equal((0, 0L), (a.Watched, await SubscribersAsync(redis, 8)));
        var first = await a.WatchGroupAsync(8, "alice", _ => Task.CompletedTask);
        var second = await a.WatchGroupAsync(8, "bob", _ => Task.CompletedTask);
        Assert.Equal((1, 1L), (a.Watched, await SubscribersAsync(redis, 8))); // one subscription, however many circuits
        await first.DisposeAsync();
        Assert.Equal(1L, await SubscribersAsync(redis, 8));
        await second.DisposeAsync();

        Assert.False(a.Watches(8));
        await Eventually.TrueAsync(async () => await SubscribersAsync(redis, 8) == 0, "the last circuit left: no subscription");
    }

    [Fact]
    public async Task Leave_ACircuitThatLeft_HearsNothingMore()
    {
        var (a, _) = await NodeAsync();
        var (b, _) = await NodeAsync();
        var (gone, onGone) = Recorder();
        var (stays, onStays) = Recorder();
        var leaving = await a.WatchGroupAsync(9, "alice", onGone);
        await using var staying = await a.WatchGroupAsync(9, "bob", onStays);

        await leaving.DisposeAsync();
        await b.PublishAsync(new MessagePosted(9, 1, "carol", "carol", "hi", DateTimeOffset.UnixEpoch));

        await Eventually.TrueAsync(() => stays.Count == 1, "the circuit that stayed was told");
        Assert.Empty(gone);
    }

    [Fact]
    public async Task PacketOpened_TheSendersNotice_OnlyToTheSendersCircuits()
    {
        var (a, _) = await NodeAsync(crossNode: false);
        var (sender, onSender) = Recorder();
        var (member, onMember) = Recorder();
        await using var s = await a.WatchGroupAsync(10, "alice", onSender);
        await using var m = await a.WatchGroupAsync(10, "bob", onMember);

        await a.PublishAsync(new PacketOpened(10, 5, "alice", "bob", "bob", 100, DateTimeOffset.UnixEpoch));
        await a.PublishAsync(new PacketSoldOut(10, 5));

        await Eventually.TrueAsync(() => member.Count == 1 && sender.Count == 2, "both told what is theirs");
        Assert.IsType<PacketSoldOut>(Assert.Single(member));
    }

    [Fact]
    public async Task Balance_Nudge_OnlyToThatUsersCircuits()
    {
        var (a, _) = await NodeAsync();
        var (b, _) = await NodeAsync();
        var nudged = 0;
        var other = 0;
        await using var mine = await a.WatchBalanceAsync("alice", () => { Interlocked.Increment(ref nudged); return Task.CompletedTask; });
        await using var theirs = await a.WatchBalanceAsync("bob", () => { Interlocked.Increment(ref other); return Task.CompletedTask; });

        await b.NudgeAsync("alice");

        await Eventually.TrueAsync(() => Volatile.Read(ref nudged) == 1, "alice's circuit nudged");
        Assert.Equal(0, Volatile.Read(ref other));
    }

    [Fact]
    public async Task Sink_AStormOfClaims_CircuitsGetThemCoalescedEndingOnTheFinalCount()
    {
        var (events, _) = await NodeAsync(crossNode: false);
        var sink = new CoalescingEventSink(new HubBroadcaster(new RecordingHub()), events, NullLogger<CoalescingEventSink>.Instance);
        await sink.StartAsync(CancellationToken.None);
        var (seen, onEvent) = Recorder();
        await using var watch = await events.WatchGroupAsync(11, "alice", onEvent);
        try
        {
            for (var left = 99; left >= 0; left--) await sink.PublishAsync(new PacketClaimed(11, 77, $"u{left}", 10, left));

            await Eventually.TrueAsync(() => seen.OfType<PacketClaimed>().Any(c => c.RemainingCount == 0), "the final count");
            Assert.True(seen.Count < 20, $"{seen.Count} renders for 100 claims: coalesced");
        }
        finally
        {
            await sink.StopAsync(CancellationToken.None);
        }
    }
}
