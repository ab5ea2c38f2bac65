using System.Net;
using System.Net.Http.Headers;

namespace RedPacket.Tests.Web;

/// <summary>Two nodes whose grab budget is three a minute.</summary>
public sealed class LimitedNodesFixture : NodeAFixture
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [.. base.Settings, new("RedPacket:RateLimits:GrabsPerWindow", "3"), new("RedPacket:RateLimits:GrabWindow", "00:01:00")];
}

public sealed class CrossNodeLimitTests(LimitedNodesFixture app) : WebTest<LimitedNodesFixture>(app), IClassFixture<LimitedNodesFixture>
{
    [Fact]
    public async Task Grab_TapsSpreadOverTwoNodes_OneBudgetForTheUser()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var group = await GroupAsync(alice, bob);
        var packet = await SendAsync(alice, group, 500, 5);
        using var onB = App.NodeB.CreateClient();
        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bob.Token);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((i % 2 == 0 ? await bob.PostAsync($"/api/packets/{packet}/grab") : await onB.PostAsync($"/api/packets/{packet}/grab", null)).StatusCode);

        // Three taps in the window, wherever they landed (a claim, then the same share twice); then 429 on both nodes.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var refused = await onB.PostAsync($"/api/packets/{packet}/grab", null);
        Assert.Equal("rate_limited", await refused.ProblemCodeAsync());
        Assert.NotNull(refused.Headers.RetryAfter);
    }
}
