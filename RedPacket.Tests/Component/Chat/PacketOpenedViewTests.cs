using System.Globalization;
using Bunit;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Queries;
using RedPacket.Web.Components.Chat;

namespace RedPacket.Tests.Component.Chat;

public sealed class PacketOpenedViewTests : ComponentTest
{
    private static readonly DateTimeOffset Sent = DateTimeOffset.UtcNow.AddMinutes(-30);

    private static PacketDetail Detail(int shares, params (string Who, long Cents, int Seconds)[] claims)
    {
        var luckiest = claims.OrderByDescending(c => c.Cents).Select(c => c.Who).FirstOrDefault();
        var claimed = claims.Sum(c => c.Cents);
        return new PacketDetail(42, 7, "alice-id", "alice", PacketKind.Lucky, claims.Length == shares ? PacketStatus.SoldOut : PacketStatus.Open,
            1_000, shares, 1_000 - claimed, shares - claims.Length, 0, "恭喜发财", Sent, Sent.AddDays(1),
            claims.Select(c => new ClaimView(c.Who + "-id", c.Who, c.Cents, Sent.AddSeconds(c.Seconds), c.Who == luckiest)).ToList(),
            luckiest is null ? null : luckiest + "-id");
    }

    private IRenderedComponent<PacketOpenedView> RenderView(PacketDetail detail, long? mine = null, string? refusal = null) =>
        Render<PacketOpenedView>(p => p.Add(v => v.Detail, detail).Add(v => v.ViewerUserId, "bob-id")
            .Add(v => v.MyAmountCents, mine).Add(v => v.Refusal, refusal));

    private static string Summary(IRenderedComponent<PacketOpenedView> cut) => cut.Find("[data-testid=detail-summary]").TextContent.Trim();

    [Fact]
    public void Render_MyShare_SenderGreetingAndMyAmountLarge()
    {
        var cut = RenderView(Detail(3, ("bob", 400, 2)), mine: 400);

        Assert.Equal("alice's red packet", cut.Find(".rp-opened-sender-name").TextContent.Trim());
        Assert.Equal("You got ¥4.00", cut.Find("[data-testid=grab-result]").TextContent.Trim());
        Assert.Equal("¥4.00", cut.Find(".rp-opened-amount").TextContent.Trim());
    }

    [Fact]
    public void Render_AllTaken_DrainTimeAndOneCrown()
    {
        var cut = RenderView(Detail(3, ("bob", 400, 2), ("carol", 500, 4), ("dave", 100, 6)), mine: 400);

        // From the first claim (2 s after sending) to the last (6 s): the one rule of DrainTime.
        Assert.Equal("3 shares, ¥10.00, all taken in 4 s", Summary(cut));
        Assert.Equal(["¥4.00", "¥5.00", "¥1.00"], cut.FindAll("[data-testid=claim-amount]").Select(e => e.TextContent.Trim()));
        var crown = Assert.Single(cut.FindAll("[data-testid=luckiest]"));
        Assert.Contains("carol", crown.ParentElement!.ParentElement!.TextContent);
    }

    [Fact]
    public void Render_MyShare_LinksToTheWalletItWentInto()
    {
        var cut = RenderView(Detail(3, ("bob", 400, 2)), mine: 400);

        var link = cut.Find("[data-testid=to-wallet]");
        Assert.Equal(("/wallet", "Added to your balance ›"), (link.GetAttribute("href"), link.TextContent.Trim()));
    }

    [Fact]
    public void Render_SenderWhileSharesRemain_SaysWhenTheRestComesBack()
    {
        var detail = Detail(3, ("carol", 400, 2));
        var cut = Render<PacketOpenedView>(p => p.Add(v => v.Detail, detail).Add(v => v.ViewerUserId, "alice-id"));

        Assert.Equal("Shares nobody opens go back to you 24 h after sending.", cut.Find("[data-testid=refund-later]").TextContent.Trim());
        // Others do not see it, nor does the sender once it is all taken.
        Assert.Empty(RenderView(detail).FindAll("[data-testid=refund-later]"));
    }

    [Fact]
    public void Render_SharesRemain_NoCrownYetAndWhatIsLeft()
    {
        var cut = RenderView(Detail(3, ("bob", 400, 2), ("carol", 500, 4)), mine: 400);

        Assert.Equal("2 of 3 opened, ¥1.00 left", Summary(cut));
        Assert.Empty(cut.FindAll("[data-testid=luckiest]"));
    }

    [Fact]
    public void Render_Expired_NotTakenAmountAndTheCrown()
    {
        var detail = Detail(3, ("bob", 400, 2)) with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) };

        var cut = RenderView(detail, refusal: "Expired");

        Assert.Equal("Expired: 1 of 3 opened, ¥6.00 not taken", Summary(cut));
        Assert.Equal("Expired", cut.Find("[data-testid=grab-result]").TextContent.Trim());
        Assert.Single(cut.FindAll("[data-testid=luckiest]"));
    }

    [Fact]
    public void Render_DrainOverMinutes_MinutesAndSeconds() =>
        Assert.EndsWith("all taken in 2 min 5 s", Summary(RenderView(Detail(2, ("bob", 500, 1), ("carol", 500, 126)))));

    [Fact]
    public void Render_OneShareTaken_NoRaceToTime() =>
        Assert.Equal("1 share, ¥10.00, taken", Summary(RenderView(Detail(1, ("bob", 1_000, 3)))));

    [Fact]
    public void Render_Chinese_SummaryAndCrownInChinese()
    {
        Culture = CultureInfo.GetCultureInfo("zh-CN");

        var cut = RenderView(Detail(2, ("bob", 400, 2), ("carol", 600, 6)), mine: 400);

        Assert.Equal("2个红包共¥10.00，4秒被抢光", Summary(cut));
        Assert.Contains("手气最佳", cut.Find("[data-testid=luckiest]").TextContent);
        Assert.Equal("alice的红包", cut.Find(".rp-opened-sender-name").TextContent.Trim());
    }

    [Fact]
    public void Render_NobodyYet_Says()
    {
        var cut = RenderView(Detail(3));

        Assert.Equal("0 of 3 opened, ¥10.00 left", Summary(cut));
        Assert.NotNull(cut.Find("[data-testid=no-claims]"));
    }
}
