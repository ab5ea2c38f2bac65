using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RedPacket.Tests.Web;

/// <summary>The pages' sign-in, register and sign-out forms, posted as a browser posts them (cookies, antiforgery token).</summary>
public static partial class SignInForms
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("action=\"/account/logout\"[^>]*>\\s*<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex LogoutFormToken();

    public static WebApplicationFactoryClientOptions Browser => new() { AllowAutoRedirect = false, HandleCookies = true };

    public static async Task<string> TokenOfPageAsync(HttpClient browser, string page) =>
        FormToken().Match(await browser.GetStringAsync(page)).Groups[1].Value;

    /// <summary>The token of the sign-out form in the layout of <paramref name="page"/> (empty if the form has none).</summary>
    public static async Task<string> LogoutTokenAsync(HttpClient browser, string page) =>
        LogoutFormToken().Match(await browser.GetStringAsync(page)).Groups[1].Value;

    public static async Task<HttpResponseMessage> LoginAsync(HttpClient browser, string userName, string password, string returnUrl = "/") =>
        await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName, ["password"] = password, ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = await TokenOfPageAsync(browser, "/login"),
        }));

    public static async Task<HttpResponseMessage> RegisterAsync(HttpClient browser, string userName, string password) =>
        await browser.PostAsync("/account/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName, ["password"] = password,
            ["__RequestVerificationToken"] = await TokenOfPageAsync(browser, "/register"),
        }));

    /// <summary>Signs in through the login form: the client then holds the auth cookie.</summary>
    public static async Task<HttpClient> SignedInBrowserAsync(WebAppFixture app, ApiUser user)
    {
        var browser = app.CreateClient(Browser);
        var login = await LoginAsync(browser, user.Name, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.ToString());
        return browser;
    }
}
