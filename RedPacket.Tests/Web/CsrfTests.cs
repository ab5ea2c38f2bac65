using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RedPacket.Tests.Web;

public sealed class CsrfTests(WebAppFixture app) : WebTest<WebAppFixture>(app), IClassFixture<WebAppFixture>
{
    private Task<HttpClient> CookieClientAsync(ApiUser user) => SignInForms.SignedInBrowserAsync(App, user);

    [Fact]
    public async Task CookieCall_WithoutCsrfToken_403AndNothingCreated()
    {
        var bob = await UserAsync("bob");
        var browser = await CookieClientAsync(bob);

        var response = await browser.PostAsJsonAsync("/api/groups", new { name = "forged" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("csrf", await response.ProblemCodeAsync());
        Assert.Empty((await bob.GetJsonAsync("/api/groups")).EnumerateArray());
    }

    [Fact]
    public async Task CookieCall_WithCsrfToken_Allowed()
    {
        var bob = await UserAsync("bob");
        var browser = await CookieClientAsync(bob);
        var csrf = await (await browser.GetAsync("/api/auth/csrf")).JsonAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/groups") { Content = JsonContent.Create(new { name = "real" }) };
        request.Headers.Add(csrf.GetProperty("headerName").GetString()!, csrf.GetProperty("requestToken").GetString());

        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task CookieRead_WithoutCsrfToken_Allowed()
    {
        var bob = await UserAsync("bob", 321);
        var browser = await CookieClientAsync(bob);
        var me = await (await browser.GetAsync("/api/me")).EnsureSuccessStatusCode().JsonAsync();
        Assert.Equal(321, me.GetProperty("balanceCents").GetInt64());
    }

    [Fact]
    public async Task Login_WrongPassword_BackToLoginWithError()
    {
        var bob = await UserAsync("bob");
        var browser = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var login = await SignInForms.LoginAsync(browser, bob.Name, "not-it-1", returnUrl: "https://evil.example/");

        Assert.StartsWith("/login?error=", login.Headers.Location?.ToString());
        Assert.DoesNotContain("evil.example", login.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Logout_WithoutAntiforgeryToken_403AndStillSignedIn()
    {
        var bob = await UserAsync("bob");
        var browser = await CookieClientAsync(bob);

        var forged = await browser.PostAsync("/account/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("csrf", await forged.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Logout_TheLayoutsSignOutForm_SendsTheTokenAndSignsOut()
    {
        var bob = await UserAsync("bob");
        var browser = await CookieClientAsync(bob);
        var token = await SignInForms.LogoutTokenAsync(browser, "/wallet");
        Assert.False(string.IsNullOrEmpty(token), "the layout's sign-out form carries no antiforgery token");

        var logout = await browser.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal("/login", logout.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }
}
