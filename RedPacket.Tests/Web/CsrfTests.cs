using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RedPacket.Tests.Web;

public sealed partial class CsrfTests(WebAppFixture app) : WebTest<WebAppFixture>(app), IClassFixture<WebAppFixture>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    /// <summary>Signs in through the login form, as a browser does: the client then holds the auth cookie.</summary>
    private async Task<HttpClient> CookieClientAsync(ApiUser user)
    {
        var browser = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetStringAsync("/login");
        var token = FormToken().Match(page).Groups[1].Value;
        var login = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = user.Name, ["password"] = user.Password, ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.ToString());
        return browser;
    }

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
        var token = FormToken().Match(await browser.GetStringAsync("/login")).Groups[1].Value;

        var login = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = bob.Name, ["password"] = "not-it-1", ["returnUrl"] = "https://evil.example/", ["__RequestVerificationToken"] = token,
        }));

        Assert.StartsWith("/login?error=", login.Headers.Location?.ToString());
        Assert.DoesNotContain("evil.example", login.Headers.Location?.ToString());
    }
}
