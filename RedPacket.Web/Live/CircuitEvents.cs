using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Packets.Events;
using RedPacket.Domain.Redis;
using StackExchange.Redis;

namespace RedPacket.Web.Live;

/// <summary>
/// Live events for this node's circuits, delivered in memory (ADR 12). A circuit registers a callback per group it shows
/// and per user whose balance it shows; an event is handed to those callbacks, never through a connection of the
/// circuit's own. With one node the events come straight from <see cref="CoalescingEventSink"/>; with several
/// (<c>RedPacket:SignalR:RedisBackplane</c>) every node publishes its events to Redis, one channel per group and per
/// user, and a node subscribes to a channel only while one of its circuits watches it: a node with no viewers of a
/// group holds no subscription for it. API and mobile clients keep the hub.
/// </summary>
public sealed class CircuitEvents(IConnectionMultiplexer redis, IOptions<LiveOptions> live, IOptions<RedisOptions> keys,
    ILogger<CircuitEvents> log)
{
    private readonly ConcurrentDictionary<string, Viewers> _channels = new();
    private readonly JsonSerializerOptions _json = Json();
    private bool CrossNode => live.Value.RedisBackplane;

    /// <summary>Calls <paramref name="onEvent"/> with each event of the group (and the sender's own notices, for <paramref name="userId"/>).</summary>
    public Task<IAsyncDisposable> WatchGroupAsync(long groupId, string userId, Func<GroupEvent, Task> onEvent) =>
        WatchAsync(GroupChannel(groupId), new Viewer(userId, onEvent));

    /// <summary>Calls <paramref name="onChange"/> whenever <paramref name="userId"/>'s balance moved.</summary>
    public Task<IAsyncDisposable> WatchBalanceAsync(string userId, Func<Task> onChange) =>
        WatchAsync(UserChannel(userId), new Viewer(userId, _ => onChange()));

    /// <summary>Hands a group event to the circuits that watch its group, on this node or (cross-node) on every node.</summary>
    public Task PublishAsync(GroupEvent e) => SendAsync(GroupChannel(e.GroupId), e);

    /// <summary>Tells the circuits that watch <paramref name="userId"/>'s balance that it moved.</summary>
    public Task NudgeAsync(string userId) => SendAsync(UserChannel(userId), new BalanceMoved(0, userId));

    /// <summary>Channels this node listens to now (in Redis when cross-node): the groups and users its circuits watch.</summary>
    public int Watched => _channels.Count;

    /// <summary>Whether some circuit of this node watches <paramref name="groupId"/>.</summary>
    public bool Watches(long groupId) => _channels.ContainsKey(GroupChannel(groupId));

    private string GroupChannel(long groupId) => $"{keys.Value.KeyPrefix}live:g:{groupId}";
    private string UserChannel(string userId) => $"{keys.Value.KeyPrefix}live:u:{userId}";

    private async Task<IAsyncDisposable> WatchAsync(string channel, Viewer viewer)
    {
        while (true)
        {
            var viewers = _channels.GetOrAdd(channel, _ => new Viewers());
            lock (viewers)
            {
                if (viewers.Closed) continue; // its last viewer left just now: start afresh
                viewers.List.Add(viewer);
            }
            // Every viewer waits for the subscription, not just the first: no event slips between joining and listening.
            if (CrossNode) await viewers.Subscribed.GetOrAdd(() => SubscribeAsync(channel, viewers));
            return new Leave(() => LeaveAsync(channel, viewers, viewer));
        }
    }

    private async Task LeaveAsync(string channel, Viewers viewers, Viewer viewer)
    {
        lock (viewers)
        {
            viewers.List.Remove(viewer);
            if (viewers.List.Count > 0) return;
            viewers.Closed = true;
            _channels.TryRemove(KeyValuePair.Create(channel, viewers));
        }
        // Only this set's handler: a new set for the same channel may already have subscribed its own.
        if (CrossNode && viewers.Handler is { } handler)
            await redis.GetSubscriber().UnsubscribeAsync(RedisChannel.Literal(channel), handler);
    }

    private Task SubscribeAsync(string channel, Viewers viewers)
    {
        viewers.Handler = (_, message) =>
        {
            if (Read(message) is { } e) Deliver(viewers, e);
        };
        return redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel), viewers.Handler);
    }

    private async Task SendAsync(string channel, GroupEvent e)
    {
        if (!CrossNode)
        {
            if (_channels.TryGetValue(channel, out var viewers)) Deliver(viewers, e);
            return;
        }
        // Nobody anywhere may watch it; PUBLISH is one cheap round trip either way (the sink's loop sends, not a request).
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), Write(e));
    }

    private void Deliver(Viewers viewers, GroupEvent e)
    {
        Viewer[] now;
        lock (viewers) now = [.. viewers.List];
        foreach (var viewer in now)
        {
            // The sender's notice goes to the sender's own circuits only, as the hub sends it to that user alone.
            if (e is PacketOpened opened && opened.SenderUserId != viewer.UserId) continue;
            _ = SafelyAsync(viewer, e);
        }
    }

    /// <summary>A circuit's callback queues work on its own dispatcher; a slow or broken one must not hold the others up.</summary>
    private async Task SafelyAsync(Viewer viewer, GroupEvent e)
    {
        try
        {
            await viewer.OnEvent(e);
        }
        catch (Exception ex)
        {
            log.LogDebug(ex, "A circuit's live callback failed for {Event}", e.GetType().Name);
        }
    }

    private RedisValue Write(GroupEvent e) => JsonSerializer.Serialize(new Envelope(e.GetType().Name, JsonSerializer.SerializeToElement(e, e.GetType(), _json)), _json);

    private GroupEvent? Read(RedisValue message)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>((string)message!, _json);
            return envelope is null || !Types.TryGetValue(envelope.Type, out var type) ? null : (GroupEvent?)envelope.Event.Deserialize(type, _json);
        }
        catch (JsonException ex)
        {
            log.LogWarning(ex, "An unreadable live event on Redis was ignored");
            return null;
        }
    }

    private static readonly Dictionary<string, Type> Types = new[]
    {
        typeof(PacketSent), typeof(PacketClaimed), typeof(PacketSoldOut), typeof(PacketRefunded), typeof(PacketOpened),
        typeof(MessagePosted), typeof(BalanceMoved), typeof(RedPacket.Domain.Transfers.TransferChanged),
    }.ToDictionary(t => t.Name);

    private static JsonSerializerOptions Json()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        LiveJson.Configure(options);
        return options;
    }

    private sealed record Envelope(string Type, JsonElement Event);

    /// <summary>A balance moved: no payload, the page reloads the balance.</summary>
    private sealed record BalanceMoved(long GroupId, string UserId) : GroupEvent(GroupId);

    private sealed record Viewer(string UserId, Func<GroupEvent, Task> OnEvent);

    private sealed class Viewers
    {
        public readonly List<Viewer> List = [];
        public readonly Once Subscribed = new();
        public Action<RedisChannel, RedisValue>? Handler;
        public bool Closed;
    }

    /// <summary>One subscription per channel, however many circuits arrive at once.</summary>
    private sealed class Once
    {
        private Task? _task;
        public Task GetOrAdd(Func<Task> start) => LazyInitializer.EnsureInitialized(ref _task, start);
    }

    private sealed class Leave(Func<Task> leave) : IAsyncDisposable
    {
        private int _left;
        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0) await leave();
        }
    }
}
