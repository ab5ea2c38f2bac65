using System.Globalization;
using Bunit;
using RedPacket.Web.Components.Chat;

namespace RedPacket.Tests.Component.Chat;

public sealed class PacketEnvelopeTests : ComponentTest
{
    private IRenderedComponent<PacketEnvelope> RenderEnvelope(bool opening = false, string? refusal = null, Action? open = null) =>
        Render<PacketEnvelope>(p => p.Add(e => e.SenderName, "alice").Add(e => e.SenderUserId, "alice-id").Add(e => e.Greeting, "恭喜发财")
            .Add(e => e.Opening, opening).Add(e => e.Refusal, refusal).Add(e => e.OnOpen, () => open?.Invoke()));

    [Fact]
    public void Render_Closed_SenderGreetingAndARoundOpenButton()
    {
        var opened = 0;
        var cut = RenderEnvelope(open: () => opened++);

        Assert.Equal("Red packet from alice", cut.Find(".rp-envelope-sender").TextContent.Trim());
        // WeChat shows the sender's picture: here their initial on their colour.
        var avatar = cut.Find("[data-testid=avatar]");
        Assert.Equal("A", avatar.TextContent.Trim());
        Assert.Contains(RedPacket.Web.Components.Shared.AvatarLook.ColourOf("alice-id"), avatar.GetAttribute("style"));
        Assert.Equal("恭喜发财", cut.Find(".rp-envelope-greeting").TextContent.Trim());
        var coin = cut.Find("[data-testid=open-packet]");
        Assert.Equal(("Open", "Open the red packet"), (coin.TextContent.Trim(), coin.GetAttribute("aria-label")));
        coin.Click();
        Assert.Equal(1, opened);
    }

    [Fact]
    public void Render_Chinese_TheCoinSays開()
    {
        Culture = CultureInfo.GetCultureInfo("zh-CN");

        Assert.Equal("開", RenderEnvelope().Find("[data-testid=open-packet]").TextContent.Trim());
    }

    [Fact]
    public void Render_Opening_SpinsAndCannotBePressedAgain()
    {
        var cut = RenderEnvelope(opening: true);

        Assert.Contains("rp-opening", cut.Find("[data-testid=envelope]").ClassList);
        Assert.True(cut.Find("[data-testid=open-packet]").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_ForSomeoneElse_TheReasonAndNoButton()
    {
        var cut = RenderEnvelope(refusal: "This red packet is for bob only");

        Assert.Equal("This red packet is for bob only", cut.Find("[data-testid=grab-result]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=open-packet]"));
    }

    [Fact]
    public void Css_TheSpin_StopsForReducedMotion()
    {
        var css = File.ReadAllText(Path.Combine(RepoRoot(), "RedPacket.Web", "wwwroot", "app.css"));
        var reduced = css[css.IndexOf("@media (prefers-reduced-motion: reduce)", StringComparison.Ordinal)..];

        Assert.Contains(".rp-opening .rp-open-coin", reduced[..reduced.IndexOf('}')]);
        Assert.Contains("animation: none", reduced[..reduced.IndexOf('}', reduced.IndexOf('{') + 1)]);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RedPacket.sln"))) dir = dir.Parent;
        return dir!.FullName;
    }
}
