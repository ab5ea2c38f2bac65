using System.Net;
using System.Text;
using System.Text.Json;

namespace RedPacket.Tests.Web;

/// <summary>Password packets (口令红包, QQ style): the phrase shown to members, sent back to open the packet.</summary>
public sealed class PasswordPacketsApiTests(WebAppFixture app) : WebTest<WebAppFixture>(app), IClassFixture<WebAppFixture>
{
    private static Task<HttpResponseMessage> SendPasswordAsync(ApiUser sender, long group, string? phrase, string kind = "password") =>
        sender.PostAsync($"/api/groups/{group}/packets", new { totalCents = 300, count = 3, kind, phrase, pin = ApiUser.Pin });

    private static Task<HttpResponseMessage> GrabAsync(ApiUser member, long packet, string? phrase) =>
        phrase is null ? member.PostAsync($"/api/packets/{packet}/grab") : member.PostAsync($"/api/packets/{packet}/grab", new { phrase });

    private static async Task<List<JsonElement>> MessagesAsync(ApiUser member, long group) =>
        [.. (await member.GetJsonAsync($"/api/groups/{group}/messages")).EnumerateArray()];

    [Fact]
    public async Task Send_Password_ThePhraseOnTheBubbleForMembers()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var group = await GroupAsync(alice, bob);

        var sent = await (await SendPasswordAsync(alice, group, "  恭喜发财  ")).EnsureSuccessStatusCode().JsonAsync();

        Assert.Equal(("password", "恭喜发财"), (sent.GetProperty("kind").GetString(), sent.GetProperty("phrase").GetString()));
        var bubble = (await MessagesAsync(bob, group)).Single(m => m.GetProperty("packet").ValueKind == JsonValueKind.Object).GetProperty("packet");
        Assert.Equal("恭喜发财", bubble.GetProperty("phrase").GetString());
    }

    [Theory]
    [InlineData("password", null)]
    [InlineData("password", "好")]
    [InlineData("password", "一二三四五六七八九十一二三四五六七八九十一")]
    [InlineData("lucky", "恭喜发财")]
    public async Task Send_BadPhrase_400AndNothingDebited(string kind, string? phrase)
    {
        var alice = await UserAsync("alice");
        var group = await GroupAsync(alice);

        var response = await SendPasswordAsync(alice, group, phrase, kind);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (response.StatusCode, await response.ProblemCodeAsync()));
        Assert.Equal(10_000, (await alice.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("恭喜")]
    [InlineData("恭喜发财!")]
    public async Task Grab_WithoutTheRightPhrase_403WrongPhraseAndNothingPopped(string? phrase)
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var group = await GroupAsync(alice, bob);
        var packet = (await (await SendPasswordAsync(alice, group, "恭喜发财")).JsonAsync()).GetProperty("packetId").GetInt64();

        var response = await GrabAsync(bob, packet, phrase);

        Assert.Equal((HttpStatusCode.Forbidden, "wrong_phrase"), (response.StatusCode, await response.ProblemCodeAsync()));
        Assert.Equal(3, (await bob.GetJsonAsync($"/api/packets/{packet}")).GetProperty("remainingCount").GetInt32());
        Assert.DoesNotContain(await MessagesAsync(bob, group), m => m.GetProperty("senderUserId").GetString() == bob.Id);
    }

    [Fact]
    public async Task Grab_WithThePhrase_PostedAsTheMembersLineThenClaimed()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var group = await GroupAsync(alice, bob);
        var packet = (await (await SendPasswordAsync(alice, group, "恭喜发财")).JsonAsync()).GetProperty("packetId").GetInt64();

        var grab = await (await GrabAsync(bob, packet, " 恭喜发财 ")).EnsureSuccessStatusCode().JsonAsync();

        Assert.Equal(("claimed", 2), (grab.GetProperty("outcome").GetString(), grab.GetProperty("remainingCount").GetInt32()));
        var line = (await MessagesAsync(alice, group)).Last();
        Assert.Equal((bob.Id, "恭喜发财"), (line.GetProperty("senderUserId").GetString(), line.GetProperty("text").GetString()));
        Assert.Equal(10_000 + grab.GetProperty("amountCents").GetInt64(), (await bob.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64());
    }

    [Fact]
    public async Task Grab_BodyNotJson_400InvalidRequest()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var group = await GroupAsync(alice, bob);
        var packet = (await (await SendPasswordAsync(alice, group, "恭喜发财")).JsonAsync()).GetProperty("packetId").GetInt64();

        var response = await bob.Http.PostAsync($"/api/packets/{packet}/grab", new StringContent("{phrase:", Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (response.StatusCode, await response.ProblemCodeAsync()));
    }
}
