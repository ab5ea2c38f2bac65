using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace RedPacket.Tests.Web;

public sealed class PacketsApiTests(WebAppFixture app) : WebTest<WebAppFixture>(app), IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Send_Valid_201AndDebited()
    {
        var alice = await UserAsync("alice", 5_000);
        var group = await GroupAsync(alice);

        var response = await alice.PostAsync($"/api/groups/{group}/packets", new { totalCents = 1_000, count = 3, kind = "fixed", greeting = "恭喜", pin = RedPacket.Tests.Web.ApiUser.Pin });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(("fixed", 1_000L, 3), (body.GetProperty("kind").GetString(), body.GetProperty("totalCents").GetInt64(), body.GetProperty("count").GetInt32()));
        Assert.Equal($"/api/packets/{body.GetProperty("packetId").GetInt64()}", response.Headers.Location?.ToString());
        Assert.Equal(4_000, (await alice.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64());
    }

    [Theory]
    [InlineData("{\"totalCents\":0,\"count\":1,\"kind\":\"lucky\"}", HttpStatusCode.BadRequest, "invalid_amount")]
    [InlineData("{\"totalCents\":-5,\"count\":1,\"kind\":\"lucky\"}", HttpStatusCode.BadRequest, "invalid_amount")]
    [InlineData("{\"totalCents\":20001,\"count\":1,\"kind\":\"lucky\"}", HttpStatusCode.BadRequest, "invalid_amount")]
    [InlineData("{\"totalCents\":5,\"count\":6,\"kind\":\"lucky\"}", HttpStatusCode.BadRequest, "invalid_amount")]
    [InlineData("{\"totalCents\":100,\"count\":0,\"kind\":\"lucky\"}", HttpStatusCode.BadRequest, "invalid_count")]
    [InlineData("{\"totalCents\":100,\"count\":101,\"kind\":\"lucky\"}", HttpStatusCode.BadRequest, "invalid_count")]
    [InlineData("{\"totalCents\":99999999999999999999999,\"count\":1,\"kind\":\"lucky\"}", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("{\"totalCents\":100,\"count\":99999999999,\"kind\":\"lucky\"}", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("{\"totalCents\":100,\"count\":1,\"kind\":\"golden\"}", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("{\"totalCents\":100,\"count\":1,\"kind\":\"lucky\",\"cover\":\"neon\"}", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("{\"totalCents\":9000,\"count\":1,\"kind\":\"lucky\"}", HttpStatusCode.UnprocessableEntity, "insufficient_funds")]
    public async Task Send_BadInput_ProblemWithCodeAndNothingDebited(string json, HttpStatusCode status, string code)
    {
        var alice = await UserAsync("alice", 5_000);
        var group = await GroupAsync(alice);

        var response = await alice.Http.PostAsync($"/api/groups/{group}/packets",
            new StringContent(json.Insert(1, $"\"pin\":\"{ApiUser.Pin}\","), Encoding.UTF8, "application/json"));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, await response.ProblemCodeAsync());
        Assert.Equal(5_000, (await alice.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64());
        Assert.Equal(0, (await alice.GetJsonAsync("/api/me/packets/sent")).GetProperty("totalCount").GetInt64());
    }

    [Fact]
    public async Task Covers_ListedAndAPickedOneShownWithThePacket()
    {
        var alice = await UserAsync("alice", 5_000);
        var group = await GroupAsync(alice);

        var covers = await alice.GetJsonAsync("/api/covers");
        var sent = await (await alice.PostAsync($"/api/groups/{group}/packets", new { totalCents = 300, count = 3, kind = "lucky", cover = "gold", pin = RedPacket.Tests.Web.ApiUser.Pin }))
            .EnsureSuccessStatusCode().JsonAsync();
        var plain = await (await alice.PostAsync($"/api/groups/{group}/packets", new { totalCents = 300, count = 3, kind = "lucky", pin = RedPacket.Tests.Web.ApiUser.Pin }))
            .EnsureSuccessStatusCode().JsonAsync();

        Assert.Equal(["classic", "gold", "lantern"], covers.EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal("gold", sent.GetProperty("cover").GetString());
        Assert.Equal("gold", (await alice.GetJsonAsync($"/api/packets/{sent.GetProperty("packetId").GetInt64()}")).GetProperty("cover").GetString());
        Assert.Equal("classic", (await alice.GetJsonAsync($"/api/packets/{plain.GetProperty("packetId").GetInt64()}")).GetProperty("cover").GetString());
    }

    [Fact]
    public async Task Send_ToAnotherGroup_403NotMember()
    {
        var alice = await UserAsync("alice");
        var eve = await UserAsync("eve");
        var group = await GroupAsync(alice);

        var response = await eve.PostAsync($"/api/groups/{group}/packets", new { totalCents = 100, count = 1, kind = "lucky", pin = RedPacket.Tests.Web.ApiUser.Pin });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("not_member", await response.ProblemCodeAsync());
    }

    [Fact]
    public async Task Send_SameIdempotencyKeyTwice_SamePacketOneDebit()
    {
        var alice = await UserAsync("alice", 5_000);
        var group = await GroupAsync(alice);
        HttpRequestMessage Request() => new(HttpMethod.Post, $"/api/groups/{group}/packets")
        {
            Content = JsonContent.Create(new { totalCents = 700, count = 2, kind = "lucky", pin = RedPacket.Tests.Web.ApiUser.Pin }),
            Headers = { { "Idempotency-Key", "double-click-1" } },
        };

        var first = await alice.Http.SendAsync(Request());
        var second = await alice.Http.SendAsync(Request());

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        Assert.Equal((await first.JsonAsync()).GetProperty("packetId").GetInt64(), (await second.JsonAsync()).GetProperty("packetId").GetInt64());
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(4_300, (await alice.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64());

        var other = new HttpRequestMessage(HttpMethod.Post, $"/api/groups/{group}/packets")
        {
            Content = JsonContent.Create(new { totalCents = 800, count = 2, kind = "lucky", pin = RedPacket.Tests.Web.ApiUser.Pin }),
            Headers = { { "Idempotency-Key", "double-click-1" } },
        };
        var conflict = await alice.Http.SendAsync(other);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, conflict.StatusCode);
        Assert.Equal("idempotency_conflict", await conflict.ProblemCodeAsync());
    }

    [Fact]
    public async Task Grab_ThenAgain_ClaimedThenAlreadyClaimedSameAmount()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob", 0);
        var group = await GroupAsync(alice, bob);
        var packet = await SendAsync(alice, group, 900, 3);

        var first = await (await bob.PostAsync($"/api/packets/{packet}/grab")).EnsureSuccessStatusCode().JsonAsync();
        var again = await (await bob.PostAsync($"/api/packets/{packet}/grab")).EnsureSuccessStatusCode().JsonAsync();

        Assert.Equal(("claimed", 2), (first.GetProperty("outcome").GetString(), first.GetProperty("remainingCount").GetInt32()));
        Assert.Equal("alreadyClaimed", again.GetProperty("outcome").GetString());
        Assert.Equal(first.GetProperty("amountCents").GetInt64(), again.GetProperty("amountCents").GetInt64());
        Assert.Equal(first.GetProperty("amountCents").GetInt64(), (await bob.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64());
    }

    [Fact]
    public async Task Grab_SoldOut_409()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var carol = await UserAsync("carol");
        var group = await GroupAsync(alice, bob, carol);
        var packet = await SendAsync(alice, group, 100, 1);
        await bob.PostAsync($"/api/packets/{packet}/grab");

        var response = await carol.PostAsync($"/api/packets/{packet}/grab");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("sold_out", await response.ProblemCodeAsync());
    }

    [Fact]
    public async Task Grab_AfterExpiry_410()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var group = await GroupAsync(alice, bob);
        var packet = await SendAsync(alice, group, 100, 1);
        App.Clock.Advance(TimeSpan.FromHours(24));
        bob = await bob.SignInAgainAsync(App);

        var response = await bob.PostAsync($"/api/packets/{packet}/grab");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("expired", await response.ProblemCodeAsync());
    }

    [Fact]
    public async Task Grab_PacketOfAnotherGroup_404ExactlyLikeAnUnknownPacketAndNothingTaken()
    {
        var alice = await UserAsync("alice");
        var eve = await UserAsync("eve", 0);
        var group = await GroupAsync(alice);
        var packet = await SendAsync(alice, group, 100, 1);

        var response = await eve.PostAsync($"/api/packets/{packet}/grab");
        var unknown = await eve.PostAsync("/api/packets/99999999/grab");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", await response.ProblemCodeAsync());
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await response.Content.ReadAsStringAsync());
        Assert.Equal(0, (await eve.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64());
    }

    [Fact]
    public async Task Grab_UnknownPacket_404()
    {
        var bob = await UserAsync("bob");
        var response = await bob.PostAsync("/api/packets/99999999/grab");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", await response.ProblemCodeAsync());
    }

    [Fact]
    public async Task Detail_MemberSeesClaims_OutsiderGets404()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var eve = await UserAsync("eve");
        var group = await GroupAsync(alice, bob);
        var packet = await SendAsync(alice, group, 600, 2);
        await bob.PostAsync($"/api/packets/{packet}/grab");

        var detail = await alice.GetJsonAsync($"/api/packets/{packet}");
        var outsider = await eve.GetAsync($"/api/packets/{packet}");

        var claim = Assert.Single(detail.GetProperty("claims").EnumerateArray());
        Assert.Equal(bob.Name, claim.GetProperty("userName").GetString());
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
    }

    [Fact]
    public async Task MyLists_AfterSendAndGrab_LedgerSentReceivedPaged()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob", 0);
        var group = await GroupAsync(alice, bob);
        var packet = await SendAsync(alice, group, 500, 1);
        await bob.PostAsync($"/api/packets/{packet}/grab");

        var sent = await alice.GetJsonAsync("/api/me/packets/sent?page=1&pageSize=5");
        var received = await bob.GetJsonAsync("/api/me/packets/received");
        var ledger = await alice.GetJsonAsync("/api/me/ledger?pageSize=1");

        Assert.Equal(packet, Assert.Single(sent.GetProperty("items").EnumerateArray()).GetProperty("packetId").GetInt64());
        Assert.Equal(500, Assert.Single(received.GetProperty("items").EnumerateArray()).GetProperty("amountCents").GetInt64());
        Assert.Equal((2L, 1), (ledger.GetProperty("totalCount").GetInt64(), ledger.GetProperty("items").GetArrayLength()));
        Assert.Equal(-500, ledger.GetProperty("items")[0].GetProperty("amountCents").GetInt64());
    }
}
