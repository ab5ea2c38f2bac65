using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RedPacket.Web.Identity;

namespace RedPacket.Tests.Web;

public sealed class AdminApiTests(WebAppFixture app) : WebTest<WebAppFixture>(app), IClassFixture<WebAppFixture>
{

    [Fact]
    public async Task Audit_AsAdmin_ConsistentFigures()
    {
        var admin = await AdminAsync();
        var alice = await UserAsync("alice", 1_000);
        await SendAsync(alice, await GroupAsync(alice), 300, 2);

        var audit = await admin.GetJsonAsync("/api/admin/audit");

        Assert.True(audit.GetProperty("consistent").GetBoolean());
        Assert.Equal(audit.GetProperty("mintedCents").GetInt64(),
            audit.GetProperty("balancesCents").GetInt64() + audit.GetProperty("escrowCents").GetInt64());
        Assert.True(audit.GetProperty("escrowCents").GetInt64() >= 300);
    }

    [Fact]
    public async Task RunAndHistory_AsAdmin_RefundsExpiredAndListsThem()
    {
        var admin = await AdminAsync();
        var alice = await UserAsync("alice", 1_000);
        var packet = await SendAsync(alice, await GroupAsync(alice), 400, 2);
        App.Clock.Advance(TimeSpan.FromHours(25));
        admin = await admin.SignInAgainAsync(App);
        alice = await alice.SignInAgainAsync(App);

        var run = await (await admin.PostAsync("/api/admin/refunds/run")).EnsureSuccessStatusCode().JsonAsync();
        var history = await admin.GetJsonAsync("/api/admin/refunds?outcome=succeeded&page=1&pageSize=50");
        var none = await admin.GetJsonAsync($"/api/admin/refunds?to={Uri.EscapeDataString(App.Clock.GetUtcNow().AddDays(-3).ToString("O"))}");

        Assert.True(run.GetProperty("refunded").GetInt32() >= 1);
        var row = Assert.Single(history.GetProperty("items").EnumerateArray(), r => r.GetProperty("packetId").GetInt64() == packet);
        Assert.Equal((alice.Id, alice.Name), (row.GetProperty("senderUserId").GetString(), row.GetProperty("senderName").GetString()));
        Assert.True(history.GetProperty("totalRefundedCents").GetInt64() >= 400);
        Assert.Equal(0, none.GetProperty("totalCount").GetInt64());
        Assert.Equal(1_000, (await alice.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64());
    }

    [Fact]
    public async Task Packet_AsAdminOutsideTheGroup_TheMembersDetail()
    {
        var admin = await AdminAsync();
        var alice = await UserAsync("alice", 1_000);
        var bob = await UserAsync("bob");
        var packet = await SendAsync(alice, await GroupAsync(alice, bob), 300, 2, kind: "fixed");
        (await bob.PostAsync($"/api/packets/{packet}/grab")).EnsureSuccessStatusCode();

        var detail = await admin.GetJsonAsync($"/api/admin/packets/{packet}");

        Assert.Equal((alice.Name, "fixed", 300L), (detail.GetProperty("senderName").GetString(), detail.GetProperty("kind").GetString(),
            detail.GetProperty("totalCents").GetInt64()));
        var claim = Assert.Single(detail.GetProperty("claims").EnumerateArray());
        Assert.Equal((bob.Name, 150L), (claim.GetProperty("userName").GetString(), claim.GetProperty("amountCents").GetInt64()));
        Assert.Equal((await alice.GetJsonAsync($"/api/packets/{packet}")).ToString(), detail.ToString());
    }

    [Fact]
    public async Task Packet_Unknown_404Problem()
    {
        var admin = await AdminAsync();

        var response = await admin.GetAsync($"/api/admin/packets/{long.MaxValue}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", await response.ProblemCodeAsync());
    }

    [Theory]
    [InlineData("/api/admin/audit")]
    [InlineData("/api/admin/refunds")]
    [InlineData("/api/admin/packets/1")]
    [InlineData("/api/admin/adjustments")]
    public async Task AdminEndpoints_AsPlainUser_403(string path)
    {
        var bob = await UserAsync("bob");
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.PostAsync("/api/admin/refunds/run")).StatusCode);
    }

    [Fact]
    public async Task AdminEndpoints_Anonymous_401() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().GetAsync("/api/admin/audit")).StatusCode);

    [Fact]
    public async Task Adjust_AsAdmin_MovesMoneyWithTheHouseAndListsIt()
    {
        var bob = await UserAsync("bob");
        var admin = await AdminAsync();

        var row = await (await admin.PostAsync($"/api/admin/accounts/{bob.Id}/adjust", new { amountCents = -2_500, reason = "chargeback" }))
            .EnsureSuccessStatusCode().JsonAsync();
        var refused = await admin.PostAsync($"/api/admin/accounts/{bob.Id}/adjust", new { amountCents = -20_000, reason = "too much" });

        Assert.Equal((7_500L, "chargeback"), (row.GetProperty("balanceAfterCents").GetInt64(), row.GetProperty("reason").GetString()));
        Assert.Equal(7_500, (await bob.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64());
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "insufficient_funds"), (refused.StatusCode, await refused.ProblemCodeAsync()));
        var history = await admin.GetJsonAsync("/api/admin/adjustments?pageSize=5");
        Assert.Equal(row.GetProperty("adjustmentId").GetInt64(), history.GetProperty("items")[0].GetProperty("adjustmentId").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.PostAsync($"/api/admin/accounts/{bob.Id}/adjust", new { amountCents = 100, reason = "me" })).StatusCode);
    }
}
