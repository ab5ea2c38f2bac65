using System.Net;

namespace RedPacket.Tests.Web;

/// <summary><c>GET /api/me/packets/summary</c>: a year of my packets.</summary>
public sealed class SummaryApiTests(WebAppFixture app) : WebTest<WebAppFixture>(app), IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Summary_ThisYearByDefault_ReceivedAndSent()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var group = await GroupAsync(alice, bob);
        var packet = await SendAsync(alice, group, 300, 1);
        (await bob.PostAsync($"/api/packets/{packet}/grab")).EnsureSuccessStatusCode();

        var bobs = await bob.GetJsonAsync("/api/me/packets/summary");
        var received = bobs.GetProperty("received");

        Assert.Equal((1, 300L, 1), (received.GetProperty("count").GetInt32(), received.GetProperty("totalCents").GetInt64(),
            received.GetProperty("luckiestCount").GetInt32()));
        var sent = (await alice.GetJsonAsync($"/api/me/packets/summary?year={bobs.GetProperty("year").GetInt32()}")).GetProperty("sent");
        Assert.Equal((1, 300L), (sent.GetProperty("count").GetInt32(), sent.GetProperty("totalCents").GetInt64()));
    }

    [Fact]
    public async Task Summary_YearOutOfRange_400()
    {
        var alice = await UserAsync("alice");
        var response = await alice.GetAsync("/api/me/packets/summary?year=1999");
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (response.StatusCode, await response.ProblemCodeAsync()));
    }
}
