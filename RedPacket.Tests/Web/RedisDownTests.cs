using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using RedPacket.Web.Api;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Web;

/// <summary>The whole app reaching Redis through a proxy the test can cut.</summary>
public sealed class RedisBehindProxyWebFixture : WebAppFixture
{
    public TcpProxy Proxy { get; } = new("127.0.0.1", new Uri("redis://" + TestServers.Redis).Port);

    public LogRecorder Logs { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("ConnectionStrings:Redis", $"127.0.0.1:{Proxy.Port},syncTimeout=1000,asyncTimeout=1000,connectTimeout=1000")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

public sealed class RedisDownTests(RedisBehindProxyWebFixture app) : WebTest<RedisBehindProxyWebFixture>(app), IClassFixture<RedisBehindProxyWebFixture>
{
    [Fact]
    public async Task Grab_RedisDown_503WithRetryAfterNever500AndWorksWhenItIsBack()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob", 0);
        var group = await GroupAsync(alice, bob);
        var packet = await SendAsync(alice, group, 300, 3);
        App.Proxy.Cut();
        HttpResponseMessage response;
        try
        {
            response = await bob.PostAsync($"/api/packets/{packet}/grab");
        }
        finally
        {
            App.Proxy.Restore();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unavailable", await response.ProblemCodeAsync());
        Assert.NotNull(response.Headers.RetryAfter);
        // A user was refused because something is down: that is an error in the log, naming what.
        Assert.Contains(App.Logs.Entries, e => e.Level == LogLevel.Error && e.Category.EndsWith(nameof(DomainExceptionHandler))
            && e.Message.Contains("answered 503: Redis is not answering"));
        await Eventually.TrueAsync(async () => (await bob.PostAsync($"/api/packets/{packet}/grab")).IsSuccessStatusCode, "a grab once Redis is back");
    }

    [Fact]
    public async Task Ready_RedisDown_503ThenHealthyAgain()
    {
        var http = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        App.Proxy.Cut();
        try
        {
            await Eventually.TrueAsync(async () => (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable,
                "ready reports Redis down");
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            App.Proxy.Restore();
        }
        await Eventually.TrueAsync(async () => (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "ready again");
    }
}
