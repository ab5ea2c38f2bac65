using System.Net;
using RedPacket.Web.Bench;

namespace RedPacket.Tests.Web;

/// <summary>The bench's seeding path exists in the Bench (and Development) environment only.</summary>
public sealed class BenchApiRefusedTests(WebAppFixture app) : WebTest<WebAppFixture>(app), IClassFixture<WebAppFixture>
{
    [Theory]
    [InlineData("POST", "/api/bench/seed?prefix=x&users=5&groups=1&senderCents=0")]
    [InlineData("POST", "/api/bench/packets?firstGroup=1&lastGroup=1&perGroup=1&shares=1&totalCents=1&kind=Lucky")]
    [InlineData("GET", "/api/bench/report?firstPacket=1&lastPacket=1")]
    [InlineData("GET", "/api/bench/ping")]
    [InlineData("POST", "/api/bench/cookie")]
    public async Task BenchEndpoints_OutsideDevelopmentOrBench_NotThere(string method, string url)
    {
        var response = await App.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        // Not mapped at all (the pages' routes answer a POST with 405, anything else with 404).
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
    }
}

public sealed class BenchAppFixture : WebAppFixture
{
    protected override string EnvironmentName => BenchApi.Environment;
}

public sealed class BenchApiTests(BenchAppFixture app) : WebTest<BenchAppFixture>(app), IClassFixture<BenchAppFixture>
{
    [Fact]
    public async Task Seed_InBench_MembersWithTokensThatWorkAndSendersWithMoney()
    {
        var http = App.CreateClient();
        var seeded = await (await http.PostAsync("/api/bench/seed?prefix=tb&users=40&groups=2&senderCents=5000", null))
            .EnsureSuccessStatusCode().Content.ReadAsStringAsync();

        var lines = seeded.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToList();
        var groups = lines.Where(l => l[0] == "group").ToList();
        var users = lines.Where(l => l[0] == "user").ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal(40, users.Count);
        Assert.All(groups, g => Assert.Equal(20, users.Count(u => u[1] == g[1])));

        var g1 = long.Parse(groups[0][1]);
        var packets = await (await http.PostAsync($"/api/bench/packets?firstGroup={g1}&lastGroup={g1}&perGroup=1&shares=5&totalCents=500&kind=Lucky", null))
            .EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        var packet = long.Parse(packets.Trim().Split(' ')[2]);

        var member = users.First(u => u[1] == groups[0][1]);
        var grab = new HttpRequestMessage(HttpMethod.Post, $"/api/packets/{packet}/grab");
        grab.Headers.Authorization = new("Bearer", member[2]);
        var answer = await (await http.SendAsync(grab)).EnsureSuccessStatusCode().JsonAsync();
        Assert.Equal("claimed", answer.GetProperty("outcome").GetString());

        var me = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        me.Headers.Authorization = new("Bearer", member[2]);
        Assert.Equal(answer.GetProperty("amountCents").GetInt64(),
            (await (await http.SendAsync(me)).EnsureSuccessStatusCode().JsonAsync()).GetProperty("balanceCents").GetInt64());
        var sender = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        sender.Headers.Authorization = new("Bearer", groups[0][2]);
        Assert.Equal(4_500, (await (await http.SendAsync(sender)).EnsureSuccessStatusCode().JsonAsync()).GetProperty("balanceCents").GetInt64());

        var report = await http.GetStringAsync($"/api/bench/report?firstPacket={packet}&lastPacket={packet}");
        Assert.Contains("consistent=true claimed=1 unclaimed=4 twice=0", report);

        // The soak and the drills send through the API as a seeded sender, with the PIN the seeder gave them.
        var send = new HttpRequestMessage(HttpMethod.Post, $"/api/groups/{g1}/packets")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { totalCents = 100, count = 1, kind = "lucky", pin = RedPacket.Web.Bench.BenchSeeder.SenderPin }),
        };
        send.Headers.Authorization = new("Bearer", groups[0][2]);
        Assert.Equal(System.Net.HttpStatusCode.Created, (await http.SendAsync(send)).StatusCode);
    }

    [Fact]
    public async Task Cookie_ForASeededMembersToken_SignsTheBrowserIntoTheChatPage()
    {
        var http = App.CreateClient();
        var seeded = await (await http.PostAsync("/api/bench/seed?prefix=tc&users=2&groups=1&senderCents=0", null))
            .EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        var lines = seeded.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToList();
        var group = lines.First(l => l[0] == "group")[1];
        var member = lines.First(l => l[0] == "user");

        var browser = App.CreateClient(SignInForms.Browser);
        var exchange = new HttpRequestMessage(HttpMethod.Post, "/api/bench/cookie");
        exchange.Headers.Authorization = new("Bearer", member[2]);
        var answer = await browser.SendAsync(exchange);

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Contains(answer.Headers.GetValues("Set-Cookie"), c => c.StartsWith("redpacket.auth", StringComparison.Ordinal));
        // The cookie alone (no bearer now) opens the member's chat page, prerendered with its interactive root components.
        var page = await browser.GetAsync($"/groups/{group}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"group-name\"", html);
        Assert.Contains("<!--Blazor:{\"type\":\"server\"", html);
    }

    [Fact]
    public async Task Cookie_WithoutAToken_Unauthorized()
    {
        var answer = await App.CreateClient(SignInForms.Browser).PostAsync("/api/bench/cookie", null);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.False(answer.Headers.Contains("Set-Cookie") && answer.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("redpacket.auth")));
    }

    [Fact]
    public async Task Seed_BadPrefix_ProblemAndNothingWritten()
    {
        var response = await App.CreateClient().PostAsync("/api/bench/seed?prefix=Robert');DROP&users=5&groups=1&senderCents=0", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", await response.ProblemCodeAsync());
    }

    [Fact]
    public async Task Ping_AnswersTheSoldOutProblemWithNoWorkBehindIt()
    {
        var response = await App.CreateClient().GetAsync("/api/bench/ping");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("sold_out", await response.ProblemCodeAsync());
    }
}
