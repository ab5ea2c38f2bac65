using Bunit;
using System.Globalization;
using RedPacket.Web.Components.Layout;
using RedPacket.Web.Components.Shared;
using RedPacket.Web.Identity;

namespace RedPacket.Tests.Component;

/// <summary>The app bar's language switch and the sign-in pages' error line.</summary>
public sealed class ShellComponentTests : ComponentTest
{
    [Fact]
    public void CultureSwitch_English_LinksToChineseAndBack()
    {
        var cut = Render<CultureSwitch>(p => p.Add(c => c.ReturnUrl, "/groups/7?x=1"));

        var link = cut.Find("a[data-testid=culture-zh]");
        // "中文" in full, "中" on a phone (the bar fits 360 px); the name itself is the label either way.
        Assert.Equal("中文", link.GetAttribute("aria-label"));
        Assert.Equal("中文", link.QuerySelector(".d-sm-inline")!.TextContent.Trim());
        Assert.Equal("/culture/zh-CN?returnUrl=%2Fgroups%2F7%3Fx%3D1", link.GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=culture-en]"));
    }

    [Fact]
    public void CultureSwitch_Chinese_LinksToEnglish()
    {
        Culture = CultureInfo.GetCultureInfo("zh-CN");

        var cut = Render<CultureSwitch>(p => p.Add(c => c.ReturnUrl, "/login"));

        Assert.Equal("/culture/en?returnUrl=%2Flogin", cut.Find("a[data-testid=culture-en]").GetAttribute("href"));
    }

    [Theory]
    [InlineData("en", SignInErrors.WrongPassword, null, false, "Wrong user name or password.")]
    [InlineData("zh-CN", SignInErrors.WrongPassword, null, false, "用户名或密码错误。")]
    [InlineData("en", SignInErrors.Throttled, 300, false, "Too many sign-in attempts. Try again in 5 minutes.")]
    [InlineData("en", SignInErrors.Throttled, 1, false, "Too many sign-in attempts. Try again in 1 second.")]
    [InlineData("zh-CN", SignInErrors.Throttled, 40, true, "来自你的地址的注册过多，请在40秒后重试。")]
    [InlineData("en", "user_exists", null, true, "That user name is taken.")]
    [InlineData("en", "<b>call 555</b>", null, false, "Signing in did not work. Please try again.")]
    public void SignInAlert_Code_SaysItInTheReadersLanguage(string culture, string code, int? wait, bool registration, string expected)
    {
        Culture = CultureInfo.GetCultureInfo(culture);

        var cut = Render<SignInAlert>(p => p.Add(a => a.Code, code).Add(a => a.WaitSeconds, wait)
            .Add(a => a.Registration, registration).Add(a => a.TestId, "login-error"));

        Assert.Equal(expected, cut.Find("[data-testid=login-error]").TextContent.Trim());
    }

    [Fact]
    public void SignInAlert_NoCode_RendersNothing() =>
        Assert.Empty(Render<SignInAlert>(p => p.Add(a => a.TestId, "login-error")).Markup.Trim());
}
