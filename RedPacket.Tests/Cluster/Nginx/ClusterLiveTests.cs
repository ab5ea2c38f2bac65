using System.Net.Http.Json;
using System.Text.Json;
using RedPacket.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace RedPacket.Tests.Cluster.Nginx;

/// <summary>What several web nodes must give a user: events cross nodes (the SignalR backplane on the Redis Cluster),
/// and a sign-in made on one node is good on the others (data-protection keys in Redis).</summary>
[Trait("Category", "Cluster")]
public sealed class ClusterLiveTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static async Task<long> FamilyIdAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonElement>("/api/groups")).EnumerateArray()
            .First(g => g.GetProperty("name").GetString() == "Family").GetProperty("id").GetInt64();

    [Fact]
    public async Task Grab_ThroughNodeB_BrowserOnNodeASeesItLive()
    {
        var alice = new ChatPage(await cluster.SignInAsync(cluster.NodeA, "alice"));
        await alice.OpenGroupAsync("Family");
        var bubblesBefore = await alice.Bubbles.CountAsync();

        var carol = await cluster.ApiAsync(cluster.NodeB, "carol");
        var sent = await (await carol.PostAsJsonAsync($"/api/groups/{await FamilyIdAsync(carol)}/packets",
            new { totalCents = 200, count = 2, kind = "lucky", greeting = "across nodes", pin = RedPacket.Tests.Web.ApiUser.Pin })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        var packetId = sent.GetProperty("packetId").GetInt64();
        await Expect(alice.Bubbles).ToHaveCountAsync(bubblesBefore + 1);
        await Expect(alice.BubbleLeft(packetId)).ToHaveTextAsync("2 of 2 left");

        var bob = await cluster.ApiAsync(cluster.NodeB, "bob");
        (await bob.PostAsync($"/api/packets/{packetId}/grab", null)).EnsureSuccessStatusCode();

        await Expect(alice.BubbleLeft(packetId)).ToHaveTextAsync("1 of 2 left");
    }

    [Fact]
    public async Task SignIn_OnNodeA_CookieGoodOnNodeB()
    {
        var page = await cluster.SignInAsync(cluster.NodeA, "dave");
        var cookies = await page.Context.CookiesAsync();

        // The same cookies sent to node B: its pages open without asking to sign in again.
        var other = await cluster.Browser.NewContextAsync(new() { BaseURL = cluster.NodeB, Locale = "en-US" });
        await other.AddCookiesAsync(cookies.Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires, HttpOnly = c.HttpOnly,
            Secure = c.Secure, SameSite = c.SameSite,
        }));
        var onB = await other.NewPageAsync();
        await AppPage.GoAsync(onB, "/wallet");

        await Expect(onB.Locator("[data-testid=signed-in-user]")).ToHaveTextAsync("dave");
    }

    [Fact]
    public async Task NodeKilled_BrowserOnIt_ComesBackOnAnotherNodeSignedInAndLive()
    {
        var erin = new ChatPage(await cluster.SignInAsync(cluster.Balancer, "erin"));
        await erin.OpenGroupAsync("Family");
        var pinned = await cluster.NodeServingAsync(erin.Page);

        cluster.KillNode(pinned);

        // The circuit died with its node; the page comes back through nginx on a live node, still signed in.
        await Expect(erin.Page.Locator("[data-testid=group-name]")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await AppPage.WaitInteractiveAsync(erin.Page);
        var now = await cluster.NodeServingAsync(erin.Page);
        Assert.NotEqual(pinned, now);
        var bubblesBefore = await erin.Bubbles.CountAsync();
        var carol = await cluster.ApiAsync(cluster.NodeA == pinned ? cluster.NodeB : cluster.NodeA, "carol");
        (await carol.PostAsJsonAsync($"/api/groups/{await FamilyIdAsync(carol)}/packets",
            new { totalCents = 100, count = 1, kind = "lucky", greeting = "after the fall", pin = RedPacket.Tests.Web.ApiUser.Pin })).EnsureSuccessStatusCode();
        await Expect(erin.Bubbles).ToHaveCountAsync(bubblesBefore + 1);
    }
}
