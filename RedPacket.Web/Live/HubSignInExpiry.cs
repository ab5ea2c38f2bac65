using Microsoft.AspNetCore.SignalR;

namespace RedPacket.Web.Live;

/// <summary>
/// Ends a hub connection when the token (or cookie) it connected with expires, so a connection never outlives its
/// sign-in. SignalR's own <c>CloseOnAuthenticationExpiration</c> compares the ticket's expiry, written on the app's
/// <see cref="TimeProvider"/>, with the machine's clock; this filter judges it on the same clock that wrote it
/// (docs/ARCHITECTURE.md §7.1).
/// </summary>
public sealed class HubSignInExpiry(TimeProvider clock) : IHubFilter
{
    private const string TimerKey = "redpacket.sign-in-expiry";

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        if (Identity.SignInChecks.ExpiresOf(context.Context.User) is not { } at) return;
        var hub = context.Context;
        var left = at - clock.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            hub.Abort();
            return;
        }
        hub.Items[TimerKey] = clock.CreateTimer(_ => hub.Abort(), null, left, Timeout.InfiniteTimeSpan);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items.TryGetValue(TimerKey, out var timer) && timer is IDisposable disposable) disposable.Dispose();
        await next(context, exception);
    }
}
