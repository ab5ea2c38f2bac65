using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using RedPacket.Domain.Transfers;
using RedPacket.Web.Live;

namespace RedPacket.Tests.Web;

/// <summary>Transfers (转账) through the API and the hub; the books are audited after each test.</summary>
public sealed class TransfersApiTests(WebAppFixture app) : WebTest<WebAppFixture>(app), IClassFixture<WebAppFixture>
{
    private static Task<HttpResponseMessage> TransferAsync(ApiUser from, long group, ApiUser to, long cents, string? pin = ApiUser.Pin,
        string note = "dinner") =>
        from.PostAsync($"/api/groups/{group}/transfers", new { toUserId = to.Id, amountCents = cents, note, pin });

    private static async Task<long> IdOf(HttpResponseMessage created) =>
        (await created.EnsureSuccessStatusCode().JsonAsync()).GetProperty("transferId").GetInt64();

    private static async Task<long> BalanceAsync(ApiUser user) => (await user.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64();

    [Fact]
    public async Task Create_201PendingWithItsExpiry_ThenTheRecipientAccepts()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var group = await GroupAsync(alice, bob);

        var created = await TransferAsync(alice, group, bob, 1_250);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        var id = body.GetProperty("transferId").GetInt64();
        Assert.Equal($"/api/transfers/{id}", created.Headers.Location?.ToString());
        Assert.Equal(("pending", "dinner"), (body.GetProperty("status").GetString(), body.GetProperty("note").GetString()));
        Assert.Equal(body.GetProperty("createdAt").GetDateTimeOffset().AddHours(24), body.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal(8_750, await BalanceAsync(alice));

        var accepted = await (await bob.PostAsync($"/api/transfers/{id}/accept")).EnsureSuccessStatusCode().JsonAsync();

        Assert.Equal("accepted", accepted.GetProperty("status").GetString());
        Assert.Equal(11_250, await BalanceAsync(bob));
        var returned = await bob.PostAsync($"/api/transfers/{id}/return");
        Assert.Equal((HttpStatusCode.Conflict, "transfer_settled"), (returned.StatusCode, await returned.ProblemCodeAsync()));
    }

    [Fact]
    public async Task AcceptReturnOrRead_BySomeoneElse_404()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var carol = await UserAsync("carol");
        var group = await GroupAsync(alice, bob, carol);
        var id = await IdOf(await TransferAsync(alice, group, bob, 100));

        foreach (var who in new[] { alice, carol })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await who.PostAsync($"/api/transfers/{id}/accept")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await who.PostAsync($"/api/transfers/{id}/return")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await carol.GetAsync($"/api/transfers/{id}")).StatusCode);
        Assert.Equal("pending", (await alice.GetJsonAsync($"/api/transfers/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Return_ThenPastItsTimeAnotherIsReturnedAndItsAccept410()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var group = await GroupAsync(alice, bob);
        var sentBack = await IdOf(await TransferAsync(alice, group, bob, 300));
        var waiting = await IdOf(await TransferAsync(alice, group, bob, 200));

        Assert.Equal("returned", (await (await bob.PostAsync($"/api/transfers/{sentBack}/return")).JsonAsync()).GetProperty("status").GetString());
        App.Clock.Advance(TimeSpan.FromHours(24));
        bob = await bob.SignInAgainAsync(App);
        alice = await alice.SignInAgainAsync(App);
        var late = await bob.PostAsync($"/api/transfers/{waiting}/accept");

        Assert.Equal((HttpStatusCode.Gone, "expired"), (late.StatusCode, await late.ProblemCodeAsync()));
        Assert.Equal(10_000, await BalanceAsync(alice));
        var view = await alice.GetJsonAsync($"/api/transfers/{waiting}");
        Assert.Equal(("returned", true), (view.GetProperty("status").GetString(), view.GetProperty("expired").GetBoolean()));
    }

    [Fact]
    public async Task Create_Refused_EveryCodeAndNothingMoved()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var eve = await UserAsync("eve");
        var group = await GroupAsync(alice, bob);
        var admin = await AdminAsync();
        await admin.Http.PutAsync($"/api/admin/users/{alice.Id}/limits",
            System.Net.Http.Json.JsonContent.Create(new { sentCentsPerDay = 1_000 }));

        async Task Expect(HttpResponseMessage r, HttpStatusCode status, string code) =>
            Assert.Equal((status, code), (r.StatusCode, await r.ProblemCodeAsync()));
        await Expect(await TransferAsync(alice, group, bob, 100, pin: null), HttpStatusCode.Forbidden, "pin_wrong");
        await Expect(await TransferAsync(alice, group, bob, 0), HttpStatusCode.BadRequest, "invalid_amount");
        await Expect(await TransferAsync(alice, group, eve, 100), HttpStatusCode.BadRequest, "invalid_request");
        await Expect(await TransferAsync(alice, group, alice, 100), HttpStatusCode.BadRequest, "invalid_request");
        await Expect(await TransferAsync(eve, group, bob, 100), HttpStatusCode.Forbidden, "not_member");
        await Expect(await TransferAsync(alice, group, bob, 1_001), HttpStatusCode.UnprocessableEntity, "daily_limit");
        await Expect(await TransferAsync(bob, group, alice, 10_001), HttpStatusCode.UnprocessableEntity, "insufficient_funds");
        Assert.Equal(10_000, await BalanceAsync(alice));
    }

    [Fact]
    public async Task Create_IdempotencyKeyReplayed_OneTransfer()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var group = await GroupAsync(alice, bob);
        HttpRequestMessage Request() => new(HttpMethod.Post, $"/api/groups/{group}/transfers")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { toUserId = bob.Id, amountCents = 500, note = "", pin = ApiUser.Pin }),
            Headers = { { "Idempotency-Key", "t-1" } },
        };

        var first = await alice.Http.SendAsync(Request());
        var again = await alice.Http.SendAsync(Request());

        Assert.Equal(await IdOf(first), await IdOf(again));
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(9_500, await BalanceAsync(alice));
    }

    [Fact]
    public async Task Card_InTheChatAndLive_PendingThenAccepted()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var group = await GroupAsync(alice, bob);
        var changes = System.Threading.Channels.Channel.CreateUnbounded<TransferChanged>();
        await using var live = await HubClients.ConnectAsync(App, alice);
        live.On<TransferChanged>(HubEventNames.TransferChanged, e => changes.Writer.TryWrite(e));
        await live.InvokeAsync(nameof(PacketHub.JoinGroup), group);

        var id = await IdOf(await TransferAsync(alice, group, bob, 700));
        var made = await changes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        (await bob.PostAsync($"/api/transfers/{id}/accept")).EnsureSuccessStatusCode();
        var taken = await changes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((id, TransferStatus.Pending, TransferStatus.Accepted), (made.TransferId, made.Status, taken.Status));
        var card = (await bob.GetJsonAsync($"/api/groups/{group}/messages")).EnumerateArray()
            .Single(m => m.GetProperty("kind").GetString() == "transfer").GetProperty("transfer");
        Assert.Equal((id, "accepted", 700L), (card.GetProperty("transferId").GetInt64(), card.GetProperty("status").GetString(),
            card.GetProperty("amountCents").GetInt64()));
    }
}
