using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using RedPacket.Domain.Packets.Events;

namespace RedPacket.Web.Live;

/// <summary>
/// The circuit's own SignalR connection to <see cref="PacketHub"/> (one per circuit, opened on first use),
/// so pages get live updates through the hub, and through its Redis backplane from every web node.
/// </summary>
public sealed class HubLiveFeed(BearerTokenMinter tokens, LiveHubAddress address, ILogger<HubLiveFeed> log) : ILiveFeed, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<long, int> _joined = new();
    private HubConnection? _connection;

    public async Task<IAsyncDisposable> WatchGroupAsync(long groupId, Func<GroupEvent, Task> onEvent)
    {
        var connection = await ConnectAsync();
        Task Relay<T>(T e) where T : GroupEvent => e.GroupId == groupId ? onEvent(e) : Task.CompletedTask;
        var handlers = new List<IDisposable>
        {
            connection.On<PacketSent>(HubEventNames.PacketSent, Relay),
            connection.On<PacketClaimed>(HubEventNames.PacketClaimed, Relay),
            connection.On<PacketSoldOut>(HubEventNames.PacketSoldOut, Relay),
            connection.On<PacketRefunded>(HubEventNames.PacketRefunded, Relay),
            connection.On<MessagePosted>(HubEventNames.MessagePosted, Relay),
            // Sent to this user only (as the sender), not through the group: filtered by group like the rest.
            connection.On<PacketOpened>(HubEventNames.PacketOpened, Relay),
        };
        // Many components of one page watch the same group: the hub is asked to join it once.
        if (_joined.AddOrUpdate(groupId, 1, (_, n) => n + 1) == 1)
            await connection.InvokeAsync(nameof(PacketHub.JoinGroup), groupId);
        return new Subscription(async () =>
        {
            handlers.ForEach(h => h.Dispose());
            if (_joined.AddOrUpdate(groupId, 0, (_, n) => n - 1) <= 0 && connection.State == HubConnectionState.Connected)
                await connection.InvokeAsync(nameof(PacketHub.LeaveGroup), groupId);
        });
    }

    public async Task<IAsyncDisposable> WatchBalanceAsync(Func<Task> onChange)
    {
        var connection = await ConnectAsync();
        var handler = connection.On(HubEventNames.BalanceChanged, onChange);
        return new Subscription(() => { handler.Dispose(); return Task.CompletedTask; });
    }

    private async Task<HubConnection> ConnectAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_connection is not null) return _connection;
            var connection = new HubConnectionBuilder()
                .WithUrl(address.Get(), o => o.AccessTokenProvider = tokens.MintAsync)
                .AddJsonProtocol(o => LiveJson.Configure(o.PayloadSerializerOptions))
                .WithAutomaticReconnect()
                .Build();
            // After a reconnect the server forgot our groups: join them again.
            connection.Reconnected += async _ =>
            {
                foreach (var groupId in _joined.Where(j => j.Value > 0).Select(j => j.Key))
                    await connection.InvokeAsync(nameof(PacketHub.JoinGroup), groupId);
            };
            await connection.StartAsync();
            log.LogDebug("Live feed connected to {Hub}", address.Get());
            return _connection = connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        _gate.Dispose();
    }

    private sealed class Subscription(Func<Task> dispose) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await dispose();
    }
}
