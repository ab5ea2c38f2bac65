using RedPacket.Domain.Packets.Events;
using RedPacket.Web.Live;

namespace RedPacket.Tests.Component;

/// <summary>A live feed the test drives: it remembers who watches and delivers the events the test raises.</summary>
public sealed class RecordingLiveFeed : ILiveFeed
{
    private readonly List<(long GroupId, Func<GroupEvent, Task> Handler)> _watchers = [];

    public int Watchers => _watchers.Count;

    public Task<IAsyncDisposable> WatchGroupAsync(long groupId, Func<GroupEvent, Task> onEvent)
    {
        var watcher = (groupId, onEvent);
        _watchers.Add(watcher);
        return Task.FromResult<IAsyncDisposable>(new Unwatch(() => _watchers.Remove(watcher)));
    }

    public Task<IAsyncDisposable> WatchBalanceAsync(Func<Task> onChange) => Task.FromResult<IAsyncDisposable>(new Unwatch(() => { }));

    public async Task RaiseAsync(GroupEvent e)
    {
        foreach (var (groupId, handler) in _watchers.ToList())
            if (groupId == e.GroupId) await handler(e);
    }

    private sealed class Unwatch(Action undo) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() { undo(); return ValueTask.CompletedTask; }
    }
}
