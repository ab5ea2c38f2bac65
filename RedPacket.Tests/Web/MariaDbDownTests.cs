using System.Net;
using MySqlConnector;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Web;

/// <summary>The whole app reaching MariaDB through a proxy the test can cut (the server itself stays up for everyone else).</summary>
public sealed class MariaDbBehindProxyFixture : WebAppFixture
{
    public TcpProxy Proxy { get; } = new("127.0.0.1", new MySqlConnectionStringBuilder(TestServers.MySqlServer).Port is var p and > 0 ? (int)p : 3306);

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("ConnectionStrings:MySql", new MySqlConnectionStringBuilder(TestServers.MySqlDatabase(Database))
            { Port = (uint)Proxy.Port, ConnectionTimeout = 2 }.ConnectionString),
    ];
}

public sealed class MariaDbDownTests(MariaDbBehindProxyFixture app) : WebTest<MariaDbBehindProxyFixture>(app), IClassFixture<MariaDbBehindProxyFixture>
{
    private static object Body => new { totalCents = 300, count = 3, kind = "lucky", greeting = "hi", pin = RedPacket.Tests.Web.ApiUser.Pin };

    [Fact]
    public async Task Requests_RightAfterEveryPooledConnectionDied_NoneFails()
    {
        var alice = await UserAsync("alice", 1_000);
        var (bob, carol) = (await UserAsync("bob", 0), await UserAsync("carol", 0));
        var group = await GroupAsync(alice, bob, carol);
        var packet = await SendAsync(alice, group, 300, 3);
        // Fill the pool: several connections used and returned, as on a running node.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => alice.GetJsonAsync($"/api/packets/{packet}")));
        await bob.PostAsync($"/api/packets/{packet}/grab");

        // MariaDB restarted: every pooled connection is dead, and the server answers new ones at once.
        App.Proxy.Cut();
        App.Proxy.Restore();
        var answers = new List<HttpResponseMessage>
        {
            await alice.GetAsync($"/api/packets/{packet}"),
            await carol.PostAsync($"/api/packets/{packet}/grab"),
            await alice.PostAsync($"/api/groups/{group}/packets", Body),
            await alice.PostAsync($"/api/groups/{group}/messages", new { text = "still here" }),
            await alice.GetAsync("/api/me/packets/sent"),
        };

        Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode, $"{a.RequestMessage!.Method} {a.RequestMessage.RequestUri}: {(int)a.StatusCode}"));
    }

    [Fact]
    public async Task Send_MariaDbDown_503WithRetryAfterAndNothingCharged()
    {
        var alice = await UserAsync("alice", 1_000);
        var group = await GroupAsync(alice);
        App.Proxy.Cut();
        HttpResponseMessage response;
        try
        {
            response = await alice.PostAsync($"/api/groups/{group}/packets", Body);
        }
        finally
        {
            App.Proxy.Restore();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unavailable", await response.ProblemCodeAsync());
        Assert.NotNull(response.Headers.RetryAfter);
        await Eventually.TrueAsync(async () => (await alice.GetAsync("/api/me")).IsSuccessStatusCode, "MariaDB back");
        Assert.Equal(1_000, (await alice.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64());
        Assert.Equal(0, (await alice.GetJsonAsync("/api/me/packets/sent")).GetProperty("totalCount").GetInt64());
    }

    [Fact]
    public async Task Send_MariaDbGoesAwayInTheMiddleOfTheTransaction_NothingChargedAndTheNextSendWorks()
    {
        var alice = await UserAsync("alice", 1_000);
        var group = await GroupAsync(alice);
        // The account is locked and debited in the open transaction; then the server is gone before the packet is written.
        App.Faults.Before(c => c.CommandText.Contains("INSERT INTO `red_packets`"), App.Proxy.Cut);
        HttpResponseMessage response;
        try
        {
            response = await alice.PostAsync($"/api/groups/{group}/packets", Body);
        }
        finally
        {
            App.Proxy.Restore();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        await Eventually.TrueAsync(async () => (await alice.GetAsync("/api/me")).IsSuccessStatusCode, "MariaDB back");
        Assert.Equal(1_000, (await alice.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64());
        Assert.Equal(0, (await alice.GetJsonAsync("/api/me/packets/sent")).GetProperty("totalCount").GetInt64());
        (await alice.PostAsync($"/api/groups/{group}/packets", Body)).EnsureSuccessStatusCode();
        Assert.Equal(700, (await alice.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64());
    }
}
