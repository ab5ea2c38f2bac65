using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using RedPacket.Web.Live;

namespace RedPacket.Tests.Unit.Live;

/// <summary>A hub context that records every send (target, method, payload) and can hold sends until released.</summary>
public sealed class RecordingHub : IHubContext<PacketHub>
{
    private TaskCompletionSource _gate = Open();

    public ConcurrentQueue<(string Target, string Method, object? Payload)> Sent { get; } = new();

    public IHubClients Clients => new RecordingClients(this);
    public IGroupManager Groups => throw new NotSupportedException();

    /// <summary>From now on every send waits until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private sealed class RecordingClients(RecordingHub hub) : IHubClients
    {
        private IClientProxy Proxy(string target) => new RecordingProxy(hub, target);

        public IClientProxy All => Proxy("all");
        public IClientProxy AllExcept(IReadOnlyList<string> excludedConnectionIds) => Proxy("all");
        public IClientProxy Client(string connectionId) => Proxy("connection:" + connectionId);
        public IClientProxy Clients(IReadOnlyList<string> connectionIds) => Proxy("connections");
        public IClientProxy Group(string groupName) => Proxy(groupName);
        public IClientProxy GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => Proxy(groupName);
        public IClientProxy Groups(IReadOnlyList<string> groupNames) => Proxy("groups");
        public IClientProxy User(string userId) => Proxy("user:" + userId);
        public IClientProxy Users(IReadOnlyList<string> userIds) => Proxy("users");
    }

    private sealed class RecordingProxy(RecordingHub hub, string target) : IClientProxy
    {
        public async Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default)
        {
            await hub._gate.Task.WaitAsync(cancellationToken);
            hub.Sent.Enqueue((target, method, args.FirstOrDefault()));
        }
    }
}
