using System.Net;
using System.Net.Http.Json;
using RedPacket.Web.Api;
using RedPacket.Web.Identity.SignIn;
using RedPacket.Web.Api.RateLimiting;

namespace RedPacket.Tests.Web;

/// <summary>
/// Lockout abuse and its answer, device cookies: strangers on many addresses can throttle a user name and trip its
/// lockout, but never keep the user out of a device they signed in from before.
/// </summary>
public sealed class KnownDeviceTests(ShippedSignInLimitsFixture app)
    : WebTest<ShippedSignInLimitsFixture>(app), IClassFixture<ShippedSignInLimitsFixture>
{
    private static readonly RateLimitOptions Shipped = new();

    private Task<HttpResponseMessage> TokenAsync(string from, string userName, string password, string? deviceToken = null) =>
        App.CreateClientFrom(from).PostAsJsonAsync("/api/auth/token", new { userName, password, deviceToken });

    /// <summary>Ten addresses, each spending its whole budget on wrong passwords for <paramref name="victim"/>: the lockout trips.</summary>
    private async Task TenAddressesGuessAsync(string victim, string net)
    {
        for (var a = 1; a <= 10; a++)
            for (var i = 0; i < Shipped.SignInsPerUserPerWindow; i++)
                await TokenAsync($"{net}.{a}", victim, $"guess-{a}-{i}-x");
    }

    [Fact]
    public async Task Token_TenAddressesLockTheName_TheUsersKnownDeviceStillSignsIn()
    {
        var victim = await UserAsync("victim");
        var first = await (await TokenAsync("10.20.0.1", victim.Name, victim.Password)).EnsureSuccessStatusCode().JsonAsync();
        var device = first.GetProperty("deviceToken").GetString()!;

        await TenAddressesGuessAsync(victim.Name, "10.21.0");
        var stranger = await TokenAsync("10.22.0.1", victim.Name, victim.Password);
        var known = await TokenAsync("10.23.0.1", victim.Name, victim.Password, device);

        Assert.Equal(HttpStatusCode.TooManyRequests, stranger.StatusCode); // the lockout back-off holds for unknown devices
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        var token = (await known.JsonAsync()).GetProperty("accessToken").GetString();
        var me = App.CreateClient();
        me.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Login_TenAddressesLockTheName_TheBrowserThatSignedInBeforeGetsIn()
    {
        var victim = await UserAsync("victim");
        var browser = App.CreateClientFrom("10.30.0.1", SignInForms.Browser);
        var first = await SignInForms.LoginAsync(browser, victim.Name, victim.Password);
        Assert.Contains(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith(KnownDevices.CookieName + "=", StringComparison.Ordinal));

        await TenAddressesGuessAsync(victim.Name, "10.31.0");
        var again = await SignInForms.LoginAsync(browser, victim.Name, victim.Password);
        var stranger = await SignInForms.LoginAsync(App.CreateClientFrom("10.32.0.1", SignInForms.Browser), victim.Name, victim.Password);

        Assert.Equal("/", again.Headers.Location?.ToString());
        Assert.StartsWith("/login?error=", stranger.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Token_KnownDeviceGuessing_ItsOwnBudgetRunsOutAndTheNameStaysUnlocked()
    {
        var bob = await UserAsync("bob");
        var device = (await (await TokenAsync("10.40.0.1", bob.Name, bob.Password)).JsonAsync()).GetProperty("deviceToken").GetString();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= Shipped.SignInsPerUserPerWindow; i++)
            answers.Add((await TokenAsync($"10.41.0.{i + 1}", bob.Name, $"wrong-{i}-x", device)).StatusCode);
        var fromElsewhere = await TokenAsync("10.42.0.1", bob.Name, bob.Password);

        Assert.All(answers.Take(Shipped.SignInsPerUserPerWindow), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]); // a stolen device token buys no unlimited guesses
        Assert.Equal(HttpStatusCode.OK, fromElsewhere.StatusCode); // and its failures never locked the user out
    }

    [Fact]
    public async Task Token_AnotherUsersDeviceToken_NotKnownForThisUser()
    {
        var (alice, victim) = (await UserAsync("alice"), await UserAsync("victim"));
        var alices = (await (await TokenAsync("10.50.0.1", alice.Name, alice.Password)).JsonAsync()).GetProperty("deviceToken").GetString();

        await TenAddressesGuessAsync(victim.Name, "10.51.0");
        var borrowed = await TokenAsync("10.52.0.1", victim.Name, victim.Password, alices);
        var forged = await TokenAsync("10.52.0.2", victim.Name, victim.Password, "not-a-device-token");

        Assert.Equal(HttpStatusCode.TooManyRequests, borrowed.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, forged.StatusCode);
    }
}
