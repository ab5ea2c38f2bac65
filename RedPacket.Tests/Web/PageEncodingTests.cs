using RedPacket.Tests.Support;

namespace RedPacket.Tests.Web;

/// <summary>Chinese pages go out as UTF-8 text, not as numeric character references (issue 16, point 13).</summary>
public sealed class PageEncodingTests(WebAppFixture app) : WebTest<WebAppFixture>(app), IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task LoginPage_Chinese_SentAsUtf8TextNotCharacterReferences()
    {
        var browser = App.CreateClientFrom("10.16.0.1", SignInForms.Browser);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        var response = await browser.GetAsync("/login");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet, ignoreCase: true);
        Assert.Contains("<title>登录 · 红包</title>", page);
        Assert.DoesNotContain("&#x767B;", page);
        Assert.DoesNotMatch(@"&#x[0-9A-F]{4};", page);
    }

    [Fact]
    public async Task Page_MarkupInText_StillEncoded()
    {
        // The wider encoder must not let HTML through: a group name with markup comes back escaped.
        var owner = await UserAsync("enc-owner");
        var created = await (await owner.PostAsync("/api/groups", new { name = "<b>家</b>" })).EnsureSuccessStatusCode().JsonAsync();
        var browser = App.CreateClientFrom("10.16.0.2", SignInForms.Browser);
        await SignInForms.LoginAsync(browser, owner.Name, owner.Password);

        var page = await browser.GetStringAsync($"/groups/{created.GetProperty("id").GetInt64()}");

        Assert.Contains("&lt;b&gt;家&lt;/b&gt;", page);
        Assert.DoesNotContain("<b>家</b>", page);
    }
}
