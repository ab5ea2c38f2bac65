using System.Globalization;
using System.Text;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RedPacket.Web.Components.Shared;

namespace RedPacket.Tests.Component;

public sealed class InviteDialogTests : ComponentTest
{
    private const string Link = "http://localhost/join/7/ABCD2345";

    private IRenderedComponent<InviteDialog> RenderDialog() =>
        Render<InviteDialog>(p => p.Add(d => d.GroupId, 7L).Add(d => d.InviteCode, "ABCD2345").Add(d => d.GroupName, "Family"));

    [Fact]
    public void Render_LinkToTheJoinPageInAReadOnlyField()
    {
        var input = RenderDialog().Find("input[data-testid=invite-link]");

        Assert.Equal(Link, input.GetAttribute("value"));
        Assert.True(input.HasAttribute("readonly"));
    }

    [Fact]
    public void Render_QrCodeOfTheLinkAsAnSvgImage()
    {
        var img = RenderDialog().Find("img[data-testid=invite-qr]");

        var src = img.GetAttribute("src")!;
        Assert.StartsWith("data:image/svg+xml;base64,", src, StringComparison.Ordinal);
        Assert.Contains("<svg", Encoding.UTF8.GetString(Convert.FromBase64String(src["data:image/svg+xml;base64,".Length..])));
        Assert.Contains("Family", img.GetAttribute("alt"));
    }

    [Fact]
    public void Render_AnotherCode_AnotherQrCode()
    {
        var first = RenderDialog().Find("img[data-testid=invite-qr]").GetAttribute("src");
        var other = Render<InviteDialog>(p => p.Add(d => d.GroupId, 7L).Add(d => d.InviteCode, "ZZZZ9999"))
            .Find("img[data-testid=invite-qr]").GetAttribute("src");

        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Copy_Clicked_CallsTheJsCopyWithTheLinkAndSaysCopied()
    {
        var copy = Ctx.JSInterop.Setup<bool>("redpacket.copy", Link).SetResult(true);
        var cut = RenderDialog();

        cut.Find("button[data-testid=invite-copy]").Click();

        Assert.Single(copy.Invocations);
        cut.WaitForAssertion(() => Assert.Contains("Copied", cut.Find("[data-testid=invite-copy]").TextContent));
        Assert.Contains(Ctx.Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message == "Copied");
    }

    [Fact]
    public void Copy_InChinese_SaysCopiedInChinese()
    {
        Culture = CultureInfo.GetCultureInfo("zh-CN");
        Ctx.JSInterop.Setup<bool>("redpacket.copy", Link).SetResult(true);
        var cut = RenderDialog();
        Assert.Contains("复制链接", cut.Find("[data-testid=invite-copy]").TextContent);

        cut.Find("button[data-testid=invite-copy]").Click();

        cut.WaitForAssertion(() => Assert.Contains("已复制", cut.Find("[data-testid=invite-copy]").TextContent));
    }

    [Fact]
    public void Copy_BrowserRefuses_TellsToCopyByHand()
    {
        Ctx.JSInterop.Setup<bool>("redpacket.copy", Link).SetResult(false);
        var cut = RenderDialog();

        cut.Find("button[data-testid=invite-copy]").Click();

        Assert.Contains(Ctx.Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message?.Contains("copy it yourself") == true);
        Assert.DoesNotContain("Copied", cut.Find("[data-testid=invite-copy]").TextContent);
    }
}
