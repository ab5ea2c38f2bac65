using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace RedPacket.Tests.Web;

/// <summary>Daily limits on what leaves a wallet: per user, per day in Asia/Shanghai, one count across nodes.</summary>
public sealed class DailyLimitsApiTests(NodeAFixture app) : WebTest<NodeAFixture>(app), IClassFixture<NodeAFixture>
{
    private static Task<HttpResponseMessage> SendAsync(HttpClient node, long group, long cents) =>
        node.PostAsJsonAsync($"/api/groups/{group}/packets", new { totalCents = cents, count = 1, kind = "lucky", pin = ApiUser.Pin }, ApiUser.Json);

    private async Task SetLimitsAsync(ApiUser user, int? sends, long? cents)
    {
        var admin = await AdminAsync();
        (await admin.Http.PutAsJsonAsync($"/api/admin/users/{user.Id}/limits", new { sendsPerDay = sends, sentCentsPerDay = cents }))
            .EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Send_OverTheDailyMoney_422WithWhenItResets()
    {
        var alice = await UserAsync("alice");
        var group = await GroupAsync(alice);
        await SetLimitsAsync(alice, sends: null, cents: 1_000);

        Assert.Equal(HttpStatusCode.Created, (await SendAsync(alice.Http, group, 600)).StatusCode);
        var over = await SendAsync(alice.Http, group, 500);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.StatusCode);
        var problem = await over.JsonAsync();
        Assert.Equal("daily_limit", problem.GetProperty("code").GetString());
        var resetsAt = problem.GetProperty("resetsAt").GetDateTimeOffset();
        // The next midnight in Shanghai (UTC+8, no daylight saving): 16:00 UTC.
        Assert.Equal((16, 0, 0), (resetsAt.UtcDateTime.Hour, resetsAt.Minute, resetsAt.Second));
        Assert.InRange(resetsAt - App.Clock.GetUtcNow(), TimeSpan.Zero, TimeSpan.FromDays(1));
        Assert.Equal(9_400, (await alice.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64());
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(alice.Http, group, 400)).StatusCode);

        // A new day in Shanghai: the count starts again.
        App.Clock.Advance(resetsAt - App.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        alice = await alice.SignInAgainAsync(App);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(alice.Http, group, 1_000)).StatusCode);
    }

    [Fact]
    public async Task Send_OverTheDailyCount_422AndMyLimitsSayWhy()
    {
        var alice = await UserAsync("alice");
        var group = await GroupAsync(alice);
        await SetLimitsAsync(alice, sends: 2, cents: null);

        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.Created, (await SendAsync(alice.Http, group, 100)).StatusCode);
        var third = await SendAsync(alice.Http, group, 100);

        Assert.Equal("daily_limit", await third.ProblemCodeAsync());
        var mine = await alice.GetJsonAsync("/api/me/limits");
        Assert.Equal((2, 500_000L, 2, 200L), (mine.GetProperty("sendsPerDay").GetInt32(), mine.GetProperty("sentCentsPerDay").GetInt64(),
            mine.GetProperty("sendsToday").GetInt32(), mine.GetProperty("sentCentsToday").GetInt64()));
    }

    [Fact]
    public async Task Send_BurstOfFiftyOverTwoNodesAtTheEdge_ExactlyAsManyAsFit()
    {
        var alice = await UserAsync("alice");
        var group = await GroupAsync(alice);
        await SetLimitsAsync(alice, sends: null, cents: 1_000);
        using var onB = App.NodeB.CreateClient();
        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", alice.Token);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => SendAsync(i % 2 == 0 ? alice.Http : onB, group, 100)));

        var statuses = string.Join(", ", answers.GroupBy(a => (int)a.StatusCode).Select(g => $"{g.Key}×{g.Count()}"));
        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.Created) == 10, statuses);
        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.UnprocessableEntity) == 40, statuses);
        Assert.Equal(9_000, (await alice.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64());
    }

    [Fact]
    public async Task SetLimits_NotAnAdminOrBadValues_Refused()
    {
        var alice = await UserAsync("alice");
        var admin = await AdminAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Http.PutAsJsonAsync($"/api/admin/users/{alice.Id}/limits", new { sendsPerDay = 1000 })).StatusCode);
        var zero = await admin.Http.PutAsJsonAsync($"/api/admin/users/{alice.Id}/limits", new { sendsPerDay = 0 });
        Assert.Equal("invalid_request", await zero.ProblemCodeAsync());
        var nobody = await admin.Http.PutAsJsonAsync("/api/admin/users/nobody/limits", new { sendsPerDay = 5 });
        Assert.Equal("not_found", await nobody.ProblemCodeAsync());
    }
}
