using System.Net;
using System.Net.Http.Json;

namespace RedPacket.Tests.Web;

/// <summary>The payment PIN (支付密码) through the API: setting it, and every refusal a send can meet because of it.</summary>
public sealed class PinApiTests(WebAppFixture app) : WebTest<WebAppFixture>(app), IClassFixture<WebAppFixture>
{
    private static Task<HttpResponseMessage> PutPinAsync(ApiUser user, object body) => user.Http.PutAsJsonAsync("/api/me/pin", body, ApiUser.Json);

    private static Task<HttpResponseMessage> SendAsync(ApiUser sender, long group, string? pin) =>
        sender.PostAsync($"/api/groups/{group}/packets", new { totalCents = 300, count = 3, kind = "lucky", pin });

    private async Task<(ApiUser User, long Group)> UserWithoutPinAsync()
    {
        var user = await ApiUser.CreateAsync(App, "nopin", withPin: false);
        return (user, await GroupAsync(user));
    }

    private static async Task<long> BalanceAsync(ApiUser user) => (await user.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64();

    [Fact]
    public async Task Send_NoPinSetYet_409PinNotSetAndNothingDebited()
    {
        var (user, group) = await UserWithoutPinAsync();
        Assert.False((await user.GetJsonAsync("/api/me")).GetProperty("hasPin").GetBoolean());

        var response = await SendAsync(user, group, "135790");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("pin_not_set", await response.ProblemCodeAsync());
        Assert.Equal(10_000, await BalanceAsync(user));
    }

    [Theory]
    [InlineData("000000")]
    [InlineData("123456")]
    [InlineData("654321")]
    [InlineData("456789")]
    public async Task SetPin_Weak_400PinWeak(string pin)
    {
        var (user, _) = await UserWithoutPinAsync();

        var response = await PutPinAsync(user, new { pin });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("pin_weak", await response.ProblemCodeAsync());
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1357902")]
    [InlineData("13579a")]
    public async Task SetPin_NotSixDigits_400InvalidRequest(string pin)
    {
        var (user, _) = await UserWithoutPinAsync();
        var response = await PutPinAsync(user, new { pin });
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (response.StatusCode, await response.ProblemCodeAsync()));
    }

    [Fact]
    public async Task SetPin_ThenSend_OnlyTheRightPinPays()
    {
        var (user, group) = await UserWithoutPinAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await PutPinAsync(user, new { pin = "802413" })).StatusCode);
        Assert.True((await user.GetJsonAsync("/api/me")).GetProperty("hasPin").GetBoolean());

        var wrong = await SendAsync(user, group, "802414");
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        var problem = await wrong.JsonAsync();
        Assert.Equal(("pin_wrong", 4), (problem.GetProperty("code").GetString(), problem.GetProperty("attemptsLeft").GetInt32()));
        Assert.Equal(10_000, await BalanceAsync(user));

        Assert.Equal(HttpStatusCode.Created, (await SendAsync(user, group, "802413")).StatusCode);
        Assert.Equal(9_700, await BalanceAsync(user));
    }

    [Fact]
    public async Task Send_PinMissing_403PinWrongWithoutUsingAnAttempt()
    {
        var alice = await UserAsync("alice");
        var group = await GroupAsync(alice);

        for (var i = 0; i < 2; i++)
        {
            var response = await SendAsync(alice, group, pin: null);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var problem = await response.JsonAsync();
            Assert.Equal(("pin_wrong", 5), (problem.GetProperty("code").GetString(), problem.GetProperty("attemptsLeft").GetInt32()));
        }
    }

    [Fact]
    public async Task Send_FiveWrongInARow_423LockedForThreeHoursEvenForTheRightPin()
    {
        var alice = await UserAsync("alice");
        var group = await GroupAsync(alice);
        var left = new List<int>();
        for (var i = 0; i < 4; i++)
            left.Add((await (await SendAsync(alice, group, "999990")).JsonAsync()).GetProperty("attemptsLeft").GetInt32());
        Assert.Equal([4, 3, 2, 1], left);

        var fifth = await SendAsync(alice, group, "999990");
        Assert.Equal((HttpStatusCode.Locked, "pin_locked"), (fifth.StatusCode, await fifth.ProblemCodeAsync()));
        var lockedUntil = (await (await SendAsync(alice, group, ApiUser.Pin)).JsonAsync()).GetProperty("lockedUntil").GetDateTimeOffset();
        Assert.Equal(App.Clock.GetUtcNow().AddHours(3), lockedUntil, TimeSpan.FromSeconds(5));
        Assert.Equal(10_000, await BalanceAsync(alice));

        App.Clock.Advance(TimeSpan.FromHours(3) + TimeSpan.FromSeconds(1));
        alice = await alice.SignInAgainAsync(App);

        Assert.Equal(HttpStatusCode.Created, (await SendAsync(alice, group, ApiUser.Pin)).StatusCode);
    }

    [Fact]
    public async Task Send_WrongGuessesAtOnce_EveryOneCounted()
    {
        var alice = await UserAsync("alice");
        var group = await GroupAsync(alice);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SendAsync(alice, group, "999990")));

        // Each guess read the count under the PIN row's lock: four told how many were left, then it locked.
        Assert.Equal(4, answers.Count(a => a.StatusCode == HttpStatusCode.Forbidden));
        Assert.Equal(4, answers.Count(a => a.StatusCode == HttpStatusCode.Locked));
    }

    [Fact]
    public async Task ChangePin_NeedsTheCurrentOne()
    {
        var alice = await UserAsync("alice");
        var group = await GroupAsync(alice);

        var without = await PutPinAsync(alice, new { pin = "271828" });
        Assert.Equal((HttpStatusCode.Forbidden, "pin_wrong"), (without.StatusCode, await without.ProblemCodeAsync()));
        var wrong = await PutPinAsync(alice, new { pin = "271828", currentPin = "999990" });
        Assert.Equal(4, (await wrong.JsonAsync()).GetProperty("attemptsLeft").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await PutPinAsync(alice, new { pin = "271828", currentPin = ApiUser.Pin })).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(alice, group, ApiUser.Pin)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(alice, group, "271828")).StatusCode);
    }
}
