using System.Net;
using MySqlConnector;
using RedPacket.Tests.Integration.Infrastructure;

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
    private static object Body => new { totalCents = 300, count = 3, kind = "lucky", greeting = "hi" };

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
