using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using RedPacket.Domain.Packets.Events;

namespace RedPacket.Web.Live;

/// <summary>A circuit's live feed: this node's <see cref="CircuitEvents"/>, for the circuit's signed-in user.</summary>
public sealed class InProcessLiveFeed(CircuitEvents events, AuthenticationStateProvider auth) : ILiveFeed
{
    public async Task<IAsyncDisposable> WatchGroupAsync(long groupId, Func<GroupEvent, Task> onEvent) =>
        await events.WatchGroupAsync(groupId, await UserIdAsync(), InThisCircuit(onEvent));

    public async Task<IAsyncDisposable> WatchBalanceAsync(Func<Task> onChange)
    {
        var inCircuit = InThisCircuit(_ => onChange());
        return await events.WatchBalanceAsync(await UserIdAsync(), () => inCircuit(null!));
    }

    /// <summary>
    /// Events arrive on the sink's thread; the page must handle them as the circuit would, above all in its culture (a
    /// page in 中文 rendered on the sink's thread would switch to English). So each callback runs in the execution
    /// context the circuit subscribed from, as a connection of the circuit's own used to.
    /// </summary>
    private static Func<GroupEvent, Task> InThisCircuit(Func<GroupEvent, Task> onEvent)
    {
        var circuit = ExecutionContext.Capture();
        if (circuit is null) return onEvent;
        return e =>
        {
            var handled = Task.CompletedTask;
            ExecutionContext.Run(circuit, _ => handled = onEvent(e), null);
            return handled;
        };
    }

    private async Task<string> UserIdAsync() =>
        (await auth.GetAuthenticationStateAsync()).User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
}
