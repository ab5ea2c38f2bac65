using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using RedPacket.Domain.Packets.Events;
using RedPacket.Web.Live;

namespace RedPacket.Tests.Web;

/// <summary>Exclusive packets (专属红包) and the sender's notices through the API and the hub.</summary>
public sealed class ExclusivePacketsApiTests(WebAppFixture app) : WebTest<WebAppFixture>(app), IClassFixture<WebAppFixture>
{
    private static Task<HttpResponseMessage> SendExclusiveAsync(ApiUser sender, long group, object body) =>
        sender.PostAsync($"/api/groups/{group}/packets", body);

    [Fact]
    public async Task Send_Exclusive_201AndTheRecipientInTheDetailAndTheBubble()
    {
        var alice = await UserAsync("alice", 5_000);
        var bob = await UserAsync("bob");
        var group = await GroupAsync(alice, bob);

        var response = await SendExclusiveAsync(alice, group, new { totalCents = 520, count = 1, kind = "exclusive", recipientUserId = bob.Id, pin = RedPacket.Tests.Web.ApiUser.Pin });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sent = await response.JsonAsync();
        Assert.Equal(("exclusive", bob.Id), (sent.GetProperty("kind").GetString(), sent.GetProperty("recipientUserId").GetString()));
        var packet = sent.GetProperty("packetId").GetInt64();
        var detail = await bob.GetJsonAsync($"/api/packets/{packet}");
        Assert.Equal((bob.Id, bob.Name), (detail.GetProperty("recipientUserId").GetString(), detail.GetProperty("recipientName").GetString()));
        var bubble = (await bob.GetJsonAsync($"/api/groups/{group}/messages")).EnumerateArray()
            .Single(i => i.GetProperty("packet").ValueKind == JsonValueKind.Object).GetProperty("packet");
        Assert.Equal((bob.Id, bob.Name), (bubble.GetProperty("recipientUserId").GetString(), bubble.GetProperty("recipientName").GetString()));
        Assert.Equal(4_480, (await alice.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64());
    }

    [Theory]
    [InlineData("two shares", "invalid_count")]
    [InlineData("no recipient", "invalid_request")]
    [InlineData("to self", "invalid_request")]
    [InlineData("to an outsider", "invalid_request")]
    [InlineData("lucky with a recipient", "invalid_request")]
    public async Task Send_ExclusiveBroken_400WithCodeAndNothingDebited(string broken, string code)
    {
        var alice = await UserAsync("alice", 5_000);
        var bob = await UserAsync("bob");
        var eve = await UserAsync("eve");
        var group = await GroupAsync(alice, bob);
        object body = broken switch
        {
            "two shares" => new { totalCents = 500, count = 2, kind = "exclusive", recipientUserId = bob.Id, pin = RedPacket.Tests.Web.ApiUser.Pin },
            "no recipient" => new { totalCents = 500, count = 1, kind = "exclusive", pin = RedPacket.Tests.Web.ApiUser.Pin },
            "to self" => new { totalCents = 500, count = 1, kind = "exclusive", recipientUserId = alice.Id, pin = RedPacket.Tests.Web.ApiUser.Pin },
            "to an outsider" => new { totalCents = 500, count = 1, kind = "exclusive", recipientUserId = eve.Id, pin = RedPacket.Tests.Web.ApiUser.Pin },
            _ => new { totalCents = 500, count = 2, kind = "lucky", recipientUserId = bob.Id, pin = RedPacket.Tests.Web.ApiUser.Pin },
        };

        var response = await SendExclusiveAsync(alice, group, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, await response.ProblemCodeAsync());
        Assert.Equal(5_000, (await alice.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64());
    }

    [Fact]
    public async Task Grab_ByAnotherMember_403NotRecipientNamingTheRecipientThenTheRecipientGetsIt()
    {
        var alice = await UserAsync("alice", 5_000);
        var bob = await UserAsync("bob", 0);
        var carol = await UserAsync("carol", 0);
        var group = await GroupAsync(alice, bob, carol);
        var sent = await (await SendExclusiveAsync(alice, group, new { totalCents = 520, count = 1, kind = "exclusive", recipientUserId = bob.Id, pin = RedPacket.Tests.Web.ApiUser.Pin }))
            .EnsureSuccessStatusCode().JsonAsync();
        var packet = sent.GetProperty("packetId").GetInt64();

        var refused = await carol.PostAsync($"/api/packets/{packet}/grab");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.JsonAsync();
        Assert.Equal("not_recipient", problem.GetProperty("code").GetString());
        Assert.Equal(("For someone else", $"This red packet is for {bob.Name} only.", 403),
            (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString(), problem.GetProperty("status").GetInt32()));
        var got = await (await bob.PostAsync($"/api/packets/{packet}/grab")).EnsureSuccessStatusCode().JsonAsync();
        Assert.Equal(("claimed", 520L), (got.GetProperty("outcome").GetString(), got.GetProperty("amountCents").GetInt64()));
        Assert.Equal(0, (await carol.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64());
    }

    [Fact]
    public async Task Me_Always_CarriesTheUserId()
    {
        var alice = await UserAsync("alice");

        var me = await alice.GetJsonAsync("/api/me");

        Assert.Equal((alice.Id, alice.Name), (me.GetProperty("userId").GetString(), me.GetProperty("userName").GetString()));
    }

    [Fact]
    public async Task Group_Members_CarryTheirUserIds()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var group = await GroupAsync(alice, bob);

        var members = (await bob.GetJsonAsync($"/api/groups/{group}")).GetProperty("members").EnumerateArray()
            .Select(m => (m.GetProperty("userId").GetString(), m.GetProperty("userName").GetString())).ToHashSet();

        Assert.Equal(new HashSet<(string?, string?)> { (alice.Id, alice.Name), (bob.Id, bob.Name) }, members);
    }

    [Fact]
    public async Task PacketOpened_AfterAGrab_ReachesTheSendersConnectionOnly()
    {
        var alice = await UserAsync("alice", 5_000);
        var bob = await UserAsync("bob", 0);
        var carol = await UserAsync("carol", 0);
        var group = await GroupAsync(alice, bob, carol);
        var opened = new TaskCompletionSource<PacketOpened>(TaskCreationOptions.RunContinuationsAsynchronously);
        var wrongly = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var aliceLive = await HubClients.ConnectAsync(App, alice);
        aliceLive.On<PacketOpened>(HubEventNames.PacketOpened, e => opened.TrySetResult(e));
        await aliceLive.InvokeAsync(nameof(PacketHub.JoinGroup), group);
        var soldOutSeen = new List<Task>();
        var others = new List<HubConnection>();
        foreach (var other in new[] { bob, carol })
        {
            var live = await HubClients.ConnectAsync(App, other);
            others.Add(live);
            var soldOut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            live.On<PacketOpened>(HubEventNames.PacketOpened, _ => wrongly.Enqueue(other.Name));
            live.On<PacketSoldOut>(HubEventNames.PacketSoldOut, _ => soldOut.TrySetResult());
            await live.InvokeAsync(nameof(PacketHub.JoinGroup), group);
            soldOutSeen.Add(soldOut.Task);
        }
        var packet = await SendAsync(alice, group, 300, 1);

        var got = await (await bob.PostAsync($"/api/packets/{packet}/grab")).EnsureSuccessStatusCode().JsonAsync();

        var e = await opened.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal((group, packet, alice.Id, bob.Id, bob.Name), (e.GroupId, e.PacketId, e.SenderUserId, e.ClaimerUserId, e.ClaimerName));
        Assert.Equal(got.GetProperty("amountCents").GetInt64(), e.AmountCents);
        // The sink sends in order, and the sell-out goes after the notice: once the others saw it, a notice would have come.
        await Task.WhenAll(soldOutSeen).WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Empty(wrongly);
        foreach (var live in others) await live.DisposeAsync();
    }
}
