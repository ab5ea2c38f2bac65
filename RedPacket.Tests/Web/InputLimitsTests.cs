using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace RedPacket.Tests.Web;

/// <summary>The whole app on a real Kestrel port: body and header limits are Kestrel's, which the test server does not apply.</summary>
public sealed class KestrelAppFixture : WebAppFixture, IAsyncLifetime
{
    public Uri BaseAddress { get; private set; } = null!;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();

    Task IAsyncLifetime.InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::1]", "127.0.0.1"));
        return Task.CompletedTask;
    }
}

public sealed class InputLimitsTests(KestrelAppFixture app) : WebTest<KestrelAppFixture>(app), IClassFixture<KestrelAppFixture>
{
    [Fact]
    public async Task Post_BodyOver64KB_413TooLarge()
    {
        using var http = new HttpClient { BaseAddress = App.BaseAddress };

        var response = await http.PostAsJsonAsync("/api/auth/register", new { userName = "big", password = new string('x', 100_000) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("too_large", await response.ProblemCodeAsync());
    }

    [Fact]
    public async Task Get_HeadersOver32KB_431()
    {
        using var http = new HttpClient { BaseAddress = App.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Padding", new string('x', 40_000));

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/me/ledger?page=2147483647")]
    [InlineData("/api/me/ledger?page=-5&pageSize=100000")]
    [InlineData("/api/me/packets/sent?page=2147483647&pageSize=2147483647")]
    public async Task Paging_ExtremeValues_ClampedNoOverflow(string url)
    {
        var alice = await UserAsync("alice");
        using var http = new HttpClient { BaseAddress = App.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", alice.Token);

        var page = await (await http.GetAsync(url)).EnsureSuccessStatusCode().JsonAsync();

        Assert.True(page.GetProperty("pageSize").GetInt32() is >= 1 and <= 100);
    }

    [Fact]
    public async Task Paging_NotANumber_400InvalidRequest()
    {
        var alice = await UserAsync("alice");
        using var http = new HttpClient { BaseAddress = App.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", alice.Token);

        var response = await http.GetAsync("/api/me/ledger?page=abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
