using System.Net;

namespace RedPacket.Tests.Web;

public sealed class TightLimitsFixture : WebAppFixture
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("RedPacket:RateLimits:GrabsPerWindow", "3"),
        new("RedPacket:RateLimits:GrabWindow", "00:01:00"),
        new("RedPacket:RateLimits:SendsPerWindow", "2"),
        new("RedPacket:RateLimits:SendWindow", "00:01:00"),
        new("RedPacket:RateLimits:ChatPerWindow", "4"),
        new("RedPacket:RateLimits:ChatWindow", "00:01:00"),
    ];
}

public sealed class RateLimitTests(TightLimitsFixture app) : WebTest<TightLimitsFixture>(app), IClassFixture<TightLimitsFixture>
{
    [Fact]
    public async Task Grab_BurstOverTheLimit_429WithRetryAfter()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var group = await GroupAsync(alice, bob);
        var packet = await SendAsync(alice, group, 300, 3);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => bob.PostAsync($"/api/packets/{packet}/grab")));

        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(5, limited.Count);
        Assert.All(limited, a => Assert.True(a.Headers.RetryAfter?.Delta > TimeSpan.Zero));
        Assert.Equal("rate_limited", await limited[0].ProblemCodeAsync());
        // Another user has a budget of their own.
        var carolsBudget = await (await UserAsync("carol")).PostAsync($"/api/packets/{packet}/grab");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, carolsBudget.StatusCode);
    }

    [Fact]
    public async Task Chat_FloodOverTheLimit_429WithRetryAfterAndNoExtraLine()
    {
        var alice = await UserAsync("alice");
        var group = await GroupAsync(alice);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 7; i++) answers.Add(await alice.PostAsync($"/api/groups/{group}/messages", new { text = $"line {i}" }));

        Assert.Equal(4, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(3, limited.Count);
        Assert.All(limited, a => Assert.InRange(a.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)));
        Assert.Equal("rate_limited", await limited[0].ProblemCodeAsync());
        var chat = await alice.GetJsonAsync($"/api/groups/{group}/messages");
        Assert.Equal(4, chat.EnumerateArray().Count(m => m.ToString().Contains("line ")));
    }

    [Fact]
    public async Task Send_BurstOverTheLimit_429AndNoExtraPacket()
    {
        var alice = await UserAsync("alice", 10_000);
        var group = await GroupAsync(alice);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
            answers.Add(await alice.PostAsync($"/api/groups/{group}/packets", new { totalCents = 100, count = 1, kind = "lucky", pin = RedPacket.Tests.Web.ApiUser.Pin }));

        Assert.Equal(2, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(2, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(9_800, (await alice.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64());
    }
}
