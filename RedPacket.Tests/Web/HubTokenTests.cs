using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RedPacket.Web.Identity;
using RedPacket.Web.Live;

namespace RedPacket.Tests.Web;

/// <summary>The token a circuit mints for its own hub connection, against the API's tokens.</summary>
public sealed class HubTokenTests(WebAppFixture app) : WebTest<WebAppFixture>(app), IClassFixture<WebAppFixture>
{
    /// <summary>What the circuit of <paramref name="user"/> mints (the real minter, the circuit's user given).</summary>
    private async Task<string> HubTokenAsync(ApiUser user)
    {
        using var scope = App.Services.CreateScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var principal = await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByIdAsync(user.Id))!);
        return (await Minter(principal).MintAsync())!;
    }

    private BearerTokenMinter Minter(ClaimsPrincipal user) =>
        new(new FixedAuthState(user), App.Get<IOptionsMonitor<BearerTokenOptions>>(), App.Clock);

    private async Task<HttpStatusCode> MeAsync(string bearer)
    {
        var http = App.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        return (await http.GetAsync("/api/me")).StatusCode;
    }

    [Fact]
    public async Task HubToken_OnTheApi_401()
    {
        var bob = await UserAsync("bob");
        var token = await HubTokenAsync(bob);

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(token));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(token[HubTokens.Prefix.Length..]));
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().GetAsync($"/api/me?access_token={Uri.EscapeDataString(token)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(bob.Token));
    }

    [Fact]
    public async Task HubToken_OnTheHub_ConnectsAsTheUser()
    {
        var bob = await UserAsync("bob");
        var group = await GroupAsync(bob);
        await using var live = HubClients.Build(App, await HubTokenAsync(bob));

        await live.StartAsync();

        await live.InvokeAsync(nameof(PacketHub.JoinGroup), group); // a member: the connection is bob's
    }

    [Fact]
    public async Task HubToken_Minted_LivesFiveMinutes()
    {
        var token = await HubTokenAsync(await UserAsync("bob"));

        var ticket = App.Get<IOptionsMonitor<BearerTokenOptions>>().Get(HubTokens.Scheme).BearerTokenProtector.Unprotect(token[HubTokens.Prefix.Length..]);

        Assert.Equal(App.Clock.GetUtcNow() + TimeSpan.FromMinutes(5), ticket!.Properties.ExpiresUtc);
    }

    [Fact]
    public async Task HubToken_AfterItsLifetime_HubRefuses()
    {
        var token = await HubTokenAsync(await UserAsync("bob"));
        App.Clock.Advance(HubTokens.Lifetime + TimeSpan.FromSeconds(1));
        await using var live = HubClients.Build(App, token);

        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => live.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Minter_CircuitSignedOut_MintsNothing()
    {
        Assert.Null(await Minter(new ClaimsPrincipal(new ClaimsIdentity())).MintAsync());
    }

    [Fact]
    public async Task ApiToken_InTheAccessTokenQuery_ConnectsToTheHub()
    {
        var bob = await UserAsync("bob");
        var group = await GroupAsync(bob);
        await using var live = new HubConnectionBuilder()
            .WithUrl(new Uri(App.Server.BaseAddress, $"{PacketHub.Path}?access_token={Uri.EscapeDataString(bob.Token)}"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => App.Server.CreateHandler();
            })
            .Build();

        await live.StartAsync();

        await live.InvokeAsync(nameof(PacketHub.JoinGroup), group);
    }

    private sealed class FixedAuthState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
