using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using RedPacket.Domain.Packets.Events;
using RedPacket.Web.Live;

namespace RedPacket.Tests.Web;

public sealed class HubTests(WebAppFixture app) : WebTest<WebAppFixture>(app), IClassFixture<WebAppFixture>
{
    private Task<HubConnection> ConnectAsync(ApiUser user) => HubClients.ConnectAsync(App, user);

    [Fact]
    public async Task ApiToken_InTheAccessTokenQuery_ConnectsToTheHub()
    {
        // Browsers' WebSockets cannot carry headers: API clients in a browser send the token in the query.
        var bob = await UserAsync("bob");
        var group = await GroupAsync(bob);
        await using var live = new HubConnectionBuilder()
            .WithUrl(new Uri(App.Server.BaseAddress, $"{PacketHub.Path}?access_token={Uri.EscapeDataString(bob.Token)}"), o =>
            {
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => App.Server.CreateHandler();
            })
            .Build();

        await live.StartAsync();

        await live.InvokeAsync(nameof(PacketHub.JoinGroup), group);
    }

    [Fact]
    public async Task Connection_ItsTokenExpires_ClosedOnTheAppsClock()
    {
        var bob = await UserAsync("bob");
        await using var live = await ConnectAsync(bob);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        live.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        App.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.False(closed.Task.IsCompleted); // still within the token's hour
        App.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(HubConnectionState.Disconnected, live.State);
    }

    [Fact]
    public async Task PacketClaimed_AfterAnotherUsersGrab_ReachesAMemberWithTheSharesLeft()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var group = await GroupAsync(alice, bob);
        await using var aliceLive = await ConnectAsync(alice);
        var claimed = new TaskCompletionSource<PacketClaimed>(TaskCreationOptions.RunContinuationsAsynchronously);
        var balanceMoved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        aliceLive.On<PacketClaimed>(HubEventNames.PacketClaimed, e => claimed.TrySetResult(e));
        await aliceLive.InvokeAsync(nameof(PacketHub.JoinGroup), group);
        await using var bobLive = await ConnectAsync(bob);
        bobLive.On(HubEventNames.BalanceChanged, () => balanceMoved.TrySetResult());
        var packet = await SendAsync(alice, group, 600, 3);

        var grab = await (await bob.PostAsync($"/api/packets/{packet}/grab")).EnsureSuccessStatusCode().JsonAsync();
        var e = await claimed.Task.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal((packet, bob.Id, 2), (e.PacketId, e.UserId, e.RemainingCount));
        Assert.Equal(grab.GetProperty("amountCents").GetInt64(), e.AmountCents);
        await balanceMoved.Task.WaitAsync(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task JoinGroup_NotAMember_Refused()
    {
        var alice = await UserAsync("alice");
        var eve = await UserAsync("eve");
        var group = await GroupAsync(alice);
        await using var eveLive = await ConnectAsync(eve);

        await Assert.ThrowsAsync<HubException>(() => eveLive.InvokeAsync(nameof(PacketHub.JoinGroup), group));
    }

    [Fact]
    public async Task Connect_WithoutToken_Refused()
    {
        var connection = HubClients.Build(App, token: null);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => connection.StartAsync());
    }
}
