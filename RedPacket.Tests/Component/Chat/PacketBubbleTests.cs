using System.Globalization;
using Bunit;
using RedPacket.Domain.Chat;
using RedPacket.Domain.Packets;
using RedPacket.Web.Components.Chat;

namespace RedPacket.Tests.Component.Chat;

public sealed class PacketBubbleTests : ComponentTest
{
    private static readonly DateTimeOffset Tomorrow = DateTimeOffset.UtcNow.AddDays(1);

    private static PacketBubbleView View(int remaining = 3, long? mine = null, DateTimeOffset? expiresAt = null,
        PacketStatus status = PacketStatus.Open, PacketKind kind = PacketKind.Lucky) =>
        new(42, kind, status, 1_000, 3, remaining, "恭喜发财", expiresAt ?? Tomorrow, mine,
            kind == PacketKind.Exclusive ? "bob-id" : null, kind == PacketKind.Exclusive ? "bob" : null);

    private IRenderedComponent<PacketBubble> RenderBubble(PacketBubbleView view, Action<PacketBubbleView>? opened = null) =>
        Render<PacketBubble>(p => p.Add(b => b.Bubble, view).Add(b => b.SenderName, "alice").Add(b => b.OnOpen, v => opened?.Invoke(v)));

    private static string Left(IRenderedComponent<PacketBubble> cut) => cut.Find("[data-testid=bubble-left-42]").TextContent.Trim();

    private static bool Dimmed(IRenderedComponent<PacketBubble> cut) => cut.Find("button").ClassList.Contains("rp-bubble-dim");

    [Fact]
    public void Render_Open_GreetingRedPacketLabelAndSharesLeft()
    {
        var cut = RenderBubble(View());

        Assert.Equal("3 of 3 left", Left(cut));
        Assert.Contains("恭喜发财", cut.Find(".rp-bubble-greeting").TextContent);
        Assert.Equal("Red Packet", cut.Find(".rp-bubble-footer").TextContent.Trim());
        Assert.False(Dimmed(cut));
    }

    [Fact]
    public void Render_PastExpiryNotYetRefunded_ExpiredAndDimmed()
    {
        var cut = RenderBubble(View(remaining: 2, expiresAt: DateTimeOffset.UtcNow.AddMinutes(-1)));

        Assert.Equal("Expired · 1 of 3 taken", Left(cut));
        Assert.True(Dimmed(cut));
    }

    [Fact]
    public void Render_PickedCover_DrawnWithIt() =>
        Assert.Contains("rp-cover-gold", RenderBubble(View() with { Cover = "gold" }).Find("button").ClassList);

    [Fact]
    public void Render_AllTaken_AllGoneAndDimmed()
    {
        var cut = RenderBubble(View(remaining: 0, status: PacketStatus.SoldOut));

        Assert.StartsWith("All gone", Left(cut));
        Assert.True(Dimmed(cut));
    }

    [Fact]
    public void Render_AlreadyMine_OpenedMyAmountAndDimmed()
    {
        var cut = RenderBubble(View(remaining: 2, mine: 321));

        Assert.Equal("You got ¥3.21", cut.Find("[data-testid=bubble-mine-42]").TextContent.Trim());
        Assert.StartsWith("Opened", Left(cut));
        Assert.True(Dimmed(cut));
    }

    [Fact]
    public void Render_Exclusive_SaysWhoItIsFor() =>
        Assert.Equal("· for bob only", RenderBubble(View(kind: PacketKind.Exclusive, remaining: 1)).Find("[data-testid=bubble-for-42]").TextContent.Trim());

    [Fact]
    public void Render_Chinese_LabelsInChinese()
    {
        Culture = CultureInfo.GetCultureInfo("zh-CN");

        var cut = RenderBubble(View(remaining: 2));

        Assert.Equal("剩余2/3个", Left(cut));
        Assert.Equal("红包", cut.Find(".rp-bubble-footer").TextContent.Trim());
    }

    [Fact]
    public void Render_Always_AButtonWithAnAriaLabelTheKeyboardReaches()
    {
        var button = RenderBubble(View()).Find("[data-testid=bubble-42]");

        // A <button> is in the tab order, and Enter and Space press it: no tabindex or key handler to get wrong.
        Assert.Equal("BUTTON", button.TagName);
        Assert.Equal("button", button.GetAttribute("type"));
        Assert.Equal("Red packet from alice: 恭喜发财. 3 of 3 left", button.GetAttribute("aria-label"));
    }

    [Fact]
    public void Click_Bubble_OpensIt()
    {
        PacketBubbleView? opened = null;
        var cut = RenderBubble(View(), v => opened = v);

        cut.Find("[data-testid=bubble-42]").Click();

        Assert.Equal(42, opened?.PacketId);
    }
}
