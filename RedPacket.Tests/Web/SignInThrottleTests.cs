using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RedPacket.Web.Api;
using RedPacket.Web.Identity;
using RedPacket.Web.Api.RateLimiting;

namespace RedPacket.Tests.Web;

/// <summary>The sign-in and registration budgets as shipped (the other test hosts raise the per-address ones).</summary>
public sealed class ShippedSignInLimitsFixture : WebAppFixture
{
    private static readonly RateLimitOptions Shipped = new();

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("RedPacket:RateLimits:SignInsPerAddressPerWindow", Shipped.SignInsPerAddressPerWindow.ToString()),
        new("RedPacket:RateLimits:RegistrationsPerAddressPerWindow", Shipped.RegistrationsPerAddressPerWindow.ToString()),
    ];
}

/// <summary>Each test plays clients of its own addresses, so the budgets of one test do not reach another.</summary>
public sealed class SignInThrottleTests(ShippedSignInLimitsFixture app)
    : WebTest<ShippedSignInLimitsFixture>(app), IClassFixture<ShippedSignInLimitsFixture>
{
    private static readonly RateLimitOptions Shipped = new();

    private Task<HttpResponseMessage> TokenAsync(string from, string userName, string password) =>
        App.CreateClientFrom(from).PostAsJsonAsync("/api/auth/token", new { userName, password });

    private async Task<(int AccessFailedCount, bool LockedOut)> LockoutOfAsync(ApiUser user)
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var found = (await users.FindByIdAsync(user.Id))!;
        return (found.AccessFailedCount, await users.IsLockedOutAsync(found));
    }

    private Task<HttpResponseMessage> TokenViaProxyAsync(string proxy, string client, string userName)
    {
        var http = App.CreateClientFrom(proxy);
        http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        return http.PostAsJsonAsync("/api/auth/token", new { userName, password = "wrong-password-1" });
    }

    [Fact]
    public async Task Token_BehindALoopbackProxy_EachForwardedClientHasItsOwnBudget()
    {
        for (var i = 0; i < Shipped.SignInsPerAddressPerWindow; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenViaProxyAsync("127.0.0.1", "198.51.100.7", $"fwd-nobody-{i}")).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await TokenViaProxyAsync("127.0.0.1", "198.51.100.7", "fwd-nobody-x")).StatusCode);
        // Another browser behind the same nginx is not held back by the first one's guesses.
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenViaProxyAsync("127.0.0.1", "198.51.100.8", "fwd-nobody-y")).StatusCode);
    }

    [Fact]
    public async Task Token_ForwardedForFromAStranger_IgnoredSoTheBudgetStillHolds()
    {
        // 10.1.7.7 is no proxy of ours: naming a new address per request must not buy a fresh budget.
        for (var i = 0; i < Shipped.SignInsPerAddressPerWindow; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenViaProxyAsync("10.1.7.7", $"203.0.113.{i}", $"spoof-nobody-{i}")).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await TokenViaProxyAsync("10.1.7.7", "203.0.113.250", "spoof-nobody-x")).StatusCode);
    }

    [Fact]
    public void Shipped_UserBudget_SmallerThanTheLockoutThreshold()
    {
        var lockout = App.Get<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.Lockout;
        Assert.True(Shipped.SignInsPerUserPerWindow < lockout.MaxFailedAccessAttempts);
        Assert.Equal((5, 30, TimeSpan.FromMinutes(5)), (Shipped.SignInsPerUserPerWindow, Shipped.SignInsPerAddressPerWindow, Shipped.SignInWindow));
        Assert.Equal((10, TimeSpan.FromHours(1)), (Shipped.RegistrationsPerAddressPerWindow, Shipped.RegistrationWindow));
    }

    [Fact]
    public async Task Token_25WrongPasswords_429AfterTheBudgetAndNeverLockedOut()
    {
        var victim = await UserAsync("victim");

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 25; i++) answers.Add(await TokenAsync("10.1.0.1", victim.Name, $"guess-{i}-1"));

        Assert.All(answers.Take(Shipped.SignInsPerUserPerWindow), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        var limited = answers.Skip(Shipped.SignInsPerUserPerWindow).ToList();
        Assert.All(limited, a => Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode));
        Assert.Equal("rate_limited", await limited[0].ProblemCodeAsync());
        Assert.InRange(limited[^1].Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), Shipped.SignInWindow);
        // The right password from the throttled address waits too: the throttle is not an oracle.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TokenAsync("10.1.0.1", victim.Name, victim.Password)).StatusCode);
        Assert.Equal((Shipped.SignInsPerUserPerWindow, false), await LockoutOfAsync(victim));
    }

    [Fact]
    public async Task Token_AttackerThrottled_VictimFromAnotherAddressSignsIn()
    {
        var victim = await UserAsync("victim");
        for (var i = 0; i < 25; i++) await TokenAsync("10.2.0.66", victim.Name, $"guess-{i}-1");

        var victimsOwn = await TokenAsync("10.2.0.1", victim.Name, victim.Password);

        Assert.Equal(HttpStatusCode.OK, victimsOwn.StatusCode);
    }

    [Fact]
    public async Task Token_ManyUserNamesFromOneAddress_429AfterTheAddressBudget()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= Shipped.SignInsPerAddressPerWindow; i++)
            answers.Add((await TokenAsync("10.3.0.1", $"nobody{i}x", "password1")).StatusCode);

        Assert.All(answers.Take(Shipped.SignInsPerAddressPerWindow), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        // Another address has a budget of its own.
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync("10.3.0.2", "nobodyx", "password1")).StatusCode);
    }

    [Fact]
    public async Task Token_SuccessfulSignIns_UseNoBudget()
    {
        var bob = await UserAsync("bob");

        for (var i = 0; i < Shipped.SignInsPerUserPerWindow * 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await TokenAsync("10.4.0.1", bob.Name, bob.Password)).StatusCode);
        for (var i = 0; i < Shipped.SignInsPerUserPerWindow; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync("10.4.0.1", bob.Name, "wrong-one1")).StatusCode);
    }

    [Fact]
    public async Task Token_IPv6Neighbours_ShareTheirSlash64Budget()
    {
        var victim = await UserAsync("victim");
        for (var i = 0; i < Shipped.SignInsPerUserPerWindow; i++)
            await TokenAsync($"2001:db8:5::{i + 1:x}", victim.Name, $"guess-{i}-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, (await TokenAsync("2001:db8:5::ffff", victim.Name, "guess-x-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync("2001:db8:6::1", victim.Name, victim.Password)).StatusCode);
    }

    [Fact]
    public async Task LoginForm_OverTheBudget_ThePageSaysHowLongToWait()
    {
        var victim = await UserAsync("victim");
        var browser = App.CreateClientFrom("10.5.0.1", SignInForms.Browser);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en"); // the page speaks the reader's language
        for (var i = 0; i < Shipped.SignInsPerUserPerWindow; i++)
            Assert.Contains(SignInErrors.WrongPassword, (await SignInForms.LoginAsync(browser, victim.Name, $"guess-{i}-1")).Headers.Location!.ToString());

        var limited = await SignInForms.LoginAsync(browser, victim.Name, victim.Password);

        var location = limited.Headers.Location!.ToString();
        Assert.StartsWith("/login?error=", location);
        var page = await browser.GetStringAsync(location);
        Assert.Contains("Too many sign-in attempts. Try again in 5 minutes.", WebUtility.HtmlDecode(page));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Register_OverTheAddressBudget_429WithRetryAfter()
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i <= Shipped.RegistrationsPerAddressPerWindow; i++)
            answers.Add(await App.CreateClientFrom("10.6.0.1").PostAsJsonAsync("/api/auth/register",
                new { userName = $"n{Guid.NewGuid():N}"[..16], password = "password1" }));

        Assert.All(answers.SkipLast(1), a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1].StatusCode);
        Assert.Equal("rate_limited", await answers[^1].ProblemCodeAsync());
        Assert.InRange(answers[^1].Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(59), Shipped.RegistrationWindow);
        var elsewhere = await App.CreateClientFrom("10.6.0.2").PostAsJsonAsync("/api/auth/register",
            new { userName = $"n{Guid.NewGuid():N}"[..16], password = "password1" });
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
    }

    [Fact]
    public async Task RegisterForm_OverTheAddressBudget_ThePageSaysHowLongToWait()
    {
        var browser = App.CreateClientFrom("10.7.0.1", SignInForms.Browser);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        for (var i = 0; i < Shipped.RegistrationsPerAddressPerWindow; i++)
            await SignInForms.RegisterAsync(browser, $"n{Guid.NewGuid():N}"[..16], "short"); // refused ones count too

        var limited = await SignInForms.RegisterAsync(browser, $"n{Guid.NewGuid():N}"[..16], "password1");

        var location = limited.Headers.Location!.ToString();
        Assert.StartsWith("/register?error=", location);
        Assert.Contains("Too many registrations from your address. Try again in 60 minutes.",
            WebUtility.HtmlDecode(await browser.GetStringAsync(location)));
    }
}
