using Bunit;
using RedPacket.Domain.Chat;
using RedPacket.Domain.Packets;
using RedPacket.Web.Components.Chat;

namespace RedPacket.Tests.Component.Chat;

public sealed class ChatTimelineTests : ComponentTest
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddMinutes(-10);

    private static TimelineEntry Text(long id, string sender) =>
        new(new ChatItem(id, 7, sender + "-id", sender, ChatMessageKind.Text, $"hello {id}", null, T0.AddSeconds(id)), null);

    private static TimelineEntry Packet(long id, long packetId) =>
        new(new ChatItem(id, 7, "alice-id", "alice", ChatMessageKind.Packet, null,
            new PacketBubbleView(packetId, PacketKind.Lucky, PacketStatus.Open, 900, 3, 3, "恭喜发财", T0.AddDays(1), null), T0.AddSeconds(id)), null);

    private static TimelineEntry Notice(NoticeKind kind, string? who = null) =>
        new(null, new ChatNotice(kind, 7, 42, "恭喜发财", who, 600, T0.AddMinutes(1)));

    private IRenderedComponent<ChatTimeline> RenderTimeline(IReadOnlyList<TimelineEntry> entries, Action<PacketBubbleView>? open = null) =>
        Render<ChatTimeline>(p => p.Add(t => t.Entries, entries).Add(t => t.ViewerUserId, "alice-id").Add(t => t.OnOpen, b => open?.Invoke(b)));

    [Fact]
    public void Render_MessagesBubblesAndNotices_InTheOrderGiven()
    {
        var cut = RenderTimeline([Text(1, "bob"), Packet(2, 42), Notice(NoticeKind.Opened, "bob"), Notice(NoticeKind.FullyTaken), Notice(NoticeKind.CameBack)]);

        Assert.Equal("🧧 bob opened your red packet", Squash(cut.Find("[data-testid=notice-opened-42]").TextContent));
        Assert.Equal("🧧 Your red packet has been fully taken", Squash(cut.Find("[data-testid=notice-fullytaken-42]").TextContent));
        Assert.Equal("🧧 ¥6.00 of your red packet came back", Squash(cut.Find("[data-testid=notice-cameback-42]").TextContent));
        // Only "red packet" is the link (orange), as WeChat's notices.
        Assert.Equal("red packet", cut.Find("[data-testid=notice-opened-42] a").TextContent.Trim());
        Assert.Equal("/packets/42", cut.Find("[data-testid=notice-opened-42] a").GetAttribute("href"));
        Assert.Contains("mine", cut.FindAll(".chat-line")[1].ClassList);
        Assert.DoesNotContain("mine", cut.FindAll(".chat-line")[0].ClassList);
    }

    [Fact]
    public void Render_LastOpenedNoticeInChinese_SaysFullyTakenInTheSameLine()
    {
        Culture = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
        var cut = RenderTimeline([Packet(2, 42), Notice(NoticeKind.Opened, "bob") with { AllTaken = true }]);

        Assert.Equal("🧧 bob领取了你的红包，你的红包已被领完", Squash(cut.Find("[data-testid=notice-opened-42]").TextContent));
        Assert.Single(cut.FindAll(".rp-notice"));
    }

    [Fact]
    public void Render_OneBubbleChanged_OnlyThatLineRendersAgain()
    {
        TimelineEntry[] before = [Text(1, "bob"), Packet(2, 42), Packet(3, 43), Notice(NoticeKind.Opened, "bob")];
        var cut = RenderTimeline(before);
        var bubbles = cut.FindComponents<PacketBubble>();
        var times = cut.FindComponents<RedPacket.Web.Components.Shared.LocalTime>();
        var notice = cut.FindComponent<NoticeLine>();
        var (first, second) = (bubbles[0].RenderCount, bubbles[1].RenderCount);
        var timeRenders = times.Select(t => t.RenderCount).ToList();
        var noticeRenders = notice.RenderCount;

        // A live event: packet 43 has one share less; the page hands the timeline a new list of equal entries but that one.
        var changed = Packet(3, 43);
        changed = changed with { Item = changed.Item! with { Packet = changed.Item.Packet! with { RemainingCount = 2 } } };
        cut.Render(p => p.Add(t => t.Entries, [Text(1, "bob"), Packet(2, 42), changed, Notice(NoticeKind.Opened, "bob")]));

        Assert.Equal(first, bubbles[0].RenderCount);
        Assert.Equal(second + 1, bubbles[1].RenderCount);
        Assert.Equal("2 of 3 left", cut.Find("[data-testid=bubble-left-43]").TextContent.Trim());
        Assert.Equal(timeRenders, times.Select(t => t.RenderCount).ToList());
        Assert.Equal(noticeRenders, notice.RenderCount);
    }

    private static string Squash(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    [Fact]
    public void Click_Bubble_AsksThePageToOpenIt()
    {
        PacketBubbleView? opened = null;
        var cut = RenderTimeline([Packet(2, 42)], b => opened = b);

        cut.Find("[data-testid=bubble-42]").Click();

        Assert.Equal(42, opened?.PacketId);
    }

    [Fact]
    public void NewLine_ReaderScrolledUp_NewMessagesChipUntilClicked()
    {
        Ctx.JSInterop.Setup<bool>("redpacket.chat.follow", _ => true).SetResult(false);
        var cut = RenderTimeline([Text(1, "bob")]);

        cut.Render(p => p.Add(t => t.Entries, [Text(1, "bob"), Text(2, "bob")]));

        cut.WaitForElement("[data-testid=new-messages]").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=new-messages]")));
    }

    [Fact]
    public void NewLine_ReaderAtTheBottom_FollowedWithoutAChip()
    {
        var follow = Ctx.JSInterop.Setup<bool>("redpacket.chat.follow", _ => true);
        follow.SetResult(true);
        var cut = RenderTimeline([Text(1, "bob")]);

        cut.Render(p => p.Add(t => t.Entries, [Text(1, "bob"), Text(2, "bob")]));

        cut.WaitForAssertion(() => Assert.Single(follow.Invocations));
        Assert.Empty(cut.FindAll("[data-testid=new-messages]"));
    }

    [Fact]
    public void NewLine_MyOwn_AlwaysFollowed()
    {
        var follow = Ctx.JSInterop.Setup<bool>("redpacket.chat.follow", _ => true);
        follow.SetResult(true);
        var cut = RenderTimeline([Text(1, "bob")]);

        cut.Render(p => p.Add(t => t.Entries, [Text(1, "bob"), Packet(2, 42)]));

        cut.WaitForAssertion(() => Assert.Equal(true, Assert.Single(follow.Invocations).Arguments[1]));
    }

    [Fact]
    public async Task ReachedBottom_AfterTheChip_ChipGoes()
    {
        Ctx.JSInterop.Setup<bool>("redpacket.chat.follow", _ => true).SetResult(false);
        var cut = RenderTimeline([Text(1, "bob")]);
        cut.Render(p => p.Add(t => t.Entries, [Text(1, "bob"), Text(2, "bob")]));
        cut.WaitForElement("[data-testid=new-messages]");

        await cut.InvokeAsync(() => cut.Instance.ReachedBottom());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=new-messages]")));
    }

    [Fact]
    public void Render_Empty_InvitesTheFirstPacket() =>
        Assert.Contains("Send the first red packet", RenderTimeline([]).Find("[data-testid=chat-empty]").TextContent);
}
