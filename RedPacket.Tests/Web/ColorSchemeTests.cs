using RedPacket.Web.Components.Layout;

namespace RedPacket.Tests.Web;

/// <summary>Dark mode follows the browser's prefers-color-scheme until the user presses the switch (issue 16, point 12).</summary>
public sealed class ColorSchemeTests(WebAppFixture app) : WebTest<WebAppFixture>(app), IClassFixture<WebAppFixture>
{
    private async Task<(HttpResponseMessage Response, string Page)> LoginPageAsync(string? hint, string? cookie = null)
    {
        var browser = App.CreateClientFrom("10.16.1.1", SignInForms.Browser);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.Accept.ParseAdd("text/html"); // as a browser navigating to a page
        if (hint is not null) request.Headers.Add(ColorSchemeHint.Header, $"\"{hint}\"");
        if (cookie is not null) request.Headers.Add("Cookie", $"{UiPreferences.DarkCookie}={cookie}");
        var response = await browser.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Page_AsksForTheColourSchemeHint()
    {
        var (response, _) = await LoginPageAsync(hint: null);

        Assert.Equal(ColorSchemeHint.Header, response.Headers.GetValues("Accept-CH").Single());
        Assert.Equal(ColorSchemeHint.Header, response.Headers.GetValues("Critical-CH").Single());
        Assert.Contains(ColorSchemeHint.Header, response.Headers.Vary);
    }

    [Fact]
    public async Task ApiCall_NoHintAskedFor()
    {
        var response = await App.CreateClientFrom("10.16.1.2").GetAsync("/api/covers");

        Assert.False(response.Headers.Contains("Accept-CH"));
    }

    [Theory]
    [InlineData("dark", null, "dark")]
    [InlineData("light", null, "light")]
    [InlineData(null, null, "light")]
    // The switch beats the browser, either way.
    [InlineData("dark", "0", "light")]
    [InlineData("light", "1", "dark")]
    public async Task FirstPaint_BrowserSchemeUnlessTheUserChose(string? hint, string? cookie, string theme)
    {
        var (_, page) = await LoginPageAsync(hint, cookie);

        Assert.Contains($"data-theme=\"{theme}\"", page);
    }
}
