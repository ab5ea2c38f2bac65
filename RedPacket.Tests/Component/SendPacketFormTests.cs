using System.Globalization;
using Bunit;
using RedPacket.Domain.Groups;
using RedPacket.Domain.Packets;
using RedPacket.Web.Components.Shared;

namespace RedPacket.Tests.Component;

public sealed class SendPacketFormTests : ComponentTest
{
    private const string Me = "u-alice";
    private static readonly DateTimeOffset Joined = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly GroupMemberView[] Family =
        [new(Me, "alice", Joined), new("u-bob", "bob", Joined), new("u-carol", "carol", Joined), new("u-dave", "dave", Joined)];

    private readonly List<SendPacketDraft> _sent = [];

    private IRenderedComponent<SendPacketForm> RenderForm(long balance = 5_000, Func<SendPacketDraft, Task<string?>>? onSend = null,
        IReadOnlyList<GroupMemberView>? members = null) =>
        Render<SendPacketForm>(p => p
            .Add(f => f.BalanceCents, balance)
            .Add(f => f.Limits, new PacketOptions())
            .Add(f => f.Members, members ?? Family)
            .Add(f => f.MyUserId, Me)
            .Add(f => f.OnSend, onSend ?? (d => { _sent.Add(d); return Task.FromResult<string?>(null); })));

    private static void Fill(IRenderedComponent<SendPacketForm> cut, string amount, string count)
    {
        cut.Find("input[data-testid=amount]").Input(amount);
        cut.Find("input[data-testid=count]").Input(count);
    }

    private static void Submit(IRenderedComponent<SendPacketForm> cut) => cut.Find("button[data-testid=send-submit]").Click();

    private const string Pin = "135790";

    /// <summary>Types the PIN into the six boxes and confirms.</summary>
    private static void Confirm(IRenderedComponent<SendPacketForm> cut)
    {
        cut.Find("input[data-testid=pin-input]").Input(Pin);
        cut.Find("button[data-testid=send-confirm-submit]").Click();
    }

    private static string Text(IRenderedComponent<SendPacketForm> cut, string testId) => cut.Find($"[data-testid={testId}]").TextContent.Trim();

    [Fact]
    public void Render_GroupSizeAndALargeTotalThatFollowsTheTyping()
    {
        var cut = RenderForm();
        Assert.Equal("4 people in this group", Text(cut, "group-size"));
        Assert.Equal("¥0.00", Text(cut, "send-total"));

        Fill(cut, "12.34", "3");

        Assert.Equal("¥12.34", Text(cut, "send-total"));
    }

    [Fact]
    public void KindLine_InChinese_OneLineThatTogglesLuckyAndNormal()
    {
        Culture = CultureInfo.GetCultureInfo("zh-CN");
        var cut = RenderForm();
        Assert.Equal("当前为拼手气红包，改为普通红包专属红包口令红包", Flat(cut.Find("[data-testid=kind-line]").TextContent));
        Assert.Empty(cut.FindAll("[role=radiogroup] input[type=radio]"));

        cut.Find("[data-testid=kind-fixed]").Click();
        Assert.Equal("当前为普通红包，改为拼手气红包专属红包口令红包", Flat(cut.Find("[data-testid=kind-line]").TextContent));
        Assert.Contains("单个金额", cut.Markup);

        cut.Find("[data-testid=kind-exclusive]").Click();
        Assert.Equal("当前为专属红包，改为拼手气红包", Flat(cut.Find("[data-testid=kind-line]").TextContent));
        Assert.Empty(cut.FindAll("input[data-testid=count]"));

        cut.Find("[data-testid=kind-lucky]").Click();
        Assert.Equal("当前为拼手气红包，改为普通红包专属红包口令红包", Flat(cut.Find("[data-testid=kind-line]").TextContent));
        Assert.Equal("塞钱进红包", Text(cut, "send-submit"));
    }

    /// <summary>The line's text without the markup's whitespace; the "·" between the switches is drawn by CSS, so it is not in the text.</summary>
    private static string Flat(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public void Send_CoverPicked_TheDraftCarriesIt()
    {
        var cut = RenderForm();
        Assert.Equal("true", cut.Find("[data-testid=cover-classic]").GetAttribute("aria-checked"));

        cut.Find("[data-testid=cover-lantern]").Click();
        Assert.Equal("true", cut.Find("[data-testid=cover-lantern]").GetAttribute("aria-checked"));
        Fill(cut, "3.00", "3");
        Submit(cut);
        Confirm(cut);

        Assert.Equal("lantern", Assert.Single(_sent).Cover);
    }

    [Fact]
    public void Render_ShowsTheBalance() =>
        Assert.Equal("Balance: ¥50.00", RenderForm().Find("[data-testid=send-balance]").TextContent.Trim());

    [Theory]
    [InlineData("", "1", "Enter an amount")]
    [InlineData("abc", "1", "Enter an amount")]
    [InlineData("1.234", "1", "Enter an amount")]
    [InlineData("-5", "1", "Enter an amount")]
    [InlineData("0", "1", "Between ¥0.01 and ¥200.00")]
    [InlineData("200.01", "1", "Between ¥0.01 and ¥200.00")]
    [InlineData("0.05", "6", "Too little for 6 shares")]
    [InlineData("50.01", "1", "More than your balance (¥50.00)")]
    [InlineData("10", "0", "Between 1 and 100 shares")]
    [InlineData("10", "101", "Between 1 and 100 shares")]
    public void Submit_Invalid_ShowsTheErrorAndSendsNothing(string amount, string count, string error)
    {
        var cut = RenderForm();
        Fill(cut, amount, count);

        Submit(cut);

        cut.WaitForAssertion(() => Assert.Contains(error, cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid=send-confirm]"));
        Assert.Empty(_sent);
    }

    [Fact]
    public void Submit_Lucky_TheAmountIsTheTotal()
    {
        var cut = RenderForm();
        Fill(cut, "10.5", "3");
        cut.Find("input[data-testid=greeting]").Change("新年快乐");

        Submit(cut);
        Confirm(cut);

        var draft = Assert.Single(_sent);
        Assert.Equal((1_050L, 3, PacketKind.Lucky, "新年快乐", (string?)null),
            (draft.TotalCents, draft.Count, draft.Kind, draft.Greeting, draft.RecipientUserId));
        Assert.False(string.IsNullOrEmpty(draft.IdempotencyKey));
    }

    [Fact]
    public void Submit_Normal_TheAmountIsEachShare()
    {
        var cut = RenderForm();
        cut.Find("[data-testid=kind-fixed]").Click();
        Fill(cut, "10", "3");

        Submit(cut);
        Confirm(cut);

        var draft = Assert.Single(_sent);
        Assert.Equal((3_000L, 3, PacketKind.Fixed), (draft.TotalCents, draft.Count, draft.Kind));
    }

    [Theory]
    [InlineData("0.00", "3", "At least ¥0.01 each")]
    [InlineData("70", "3", "The total ¥210.00 is not between ¥0.01 and ¥200.00")]
    [InlineData("20", "3", "More than your balance (¥50.00)")]
    public void Submit_NormalOverTheLimits_CheckedOnTheTotal(string each, string count, string error)
    {
        var cut = RenderForm();
        cut.Find("[data-testid=kind-fixed]").Click();
        Fill(cut, each, count);

        Submit(cut);

        Assert.Contains(error, cut.Markup);
        Assert.Empty(_sent);
    }

    [Fact]
    public void Submit_Exclusive_OneShareForTheChosenMember()
    {
        var cut = RenderForm();
        cut.Find("[data-testid=kind-exclusive]").Click();
        Assert.Empty(cut.FindAll("input[data-testid=count]"));
        cut.Find("input[data-testid=amount]").Input("8.88");
        cut.Find("input[data-testid=recipient-carol]").Click();

        Submit(cut);
        Confirm(cut);

        var draft = Assert.Single(_sent);
        Assert.Equal((888L, 1, PacketKind.Exclusive, "u-carol"), (draft.TotalCents, draft.Count, draft.Kind, draft.RecipientUserId));
    }

    [Fact]
    public void Render_Exclusive_ThePickerListsTheOthersNotMe()
    {
        var cut = RenderForm();

        cut.Find("[data-testid=kind-exclusive]").Click();

        var names = cut.FindAll("[data-testid=recipient] label").Select(l => l.TextContent.Trim());
        Assert.Equal(["bob", "carol", "dave"], names);
    }

    [Fact]
    public void Submit_ExclusiveWithoutARecipient_AsksForOne()
    {
        var cut = RenderForm();
        cut.Find("[data-testid=kind-exclusive]").Click();
        cut.Find("input[data-testid=amount]").Input("5");

        Submit(cut);

        Assert.Equal("Choose who gets it.", Text(cut, "recipient-error"));
        Assert.Empty(cut.FindAll("[data-testid=send-confirm]"));
    }

    [Fact]
    public void Input_AsTheUserTypes_ThePreviewFollows()
    {
        var cut = RenderForm();
        cut.Find("[data-testid=kind-fixed]").Click();

        Fill(cut, "10", "3");
        Assert.Equal("Total ¥30.00 · 3 × ¥10.00", Text(cut, "send-preview"));

        cut.Find("input[data-testid=count]").Input("2");
        Assert.Equal("Total ¥20.00 · 2 × ¥10.00", Text(cut, "send-preview"));

        cut.Find("[data-testid=kind-lucky]").Click();
        Assert.Equal("Total ¥10.00 · 2 shares, random amounts", Text(cut, "send-preview"));
    }

    [Fact]
    public void Input_MoreSharesThanOthers_WarnsWithoutBlocking()
    {
        var cut = RenderForm();
        Fill(cut, "10", "3");
        Assert.Empty(cut.FindAll("[data-testid=count-warning]"));

        cut.Find("input[data-testid=count]").Input("5");

        Assert.Equal("5 shares but only 3 others in the group: the rest will come back to you after 24 h.", Text(cut, "count-warning"));
        Submit(cut);
        Confirm(cut);
        Assert.Equal(5, Assert.Single(_sent).Count);
    }

    [Fact]
    public void Submit_Valid_ShowsTheConfirmStepBeforeSending()
    {
        var cut = RenderForm();
        cut.Find("[data-testid=kind-fixed]").Click();
        Fill(cut, "10", "3");

        Submit(cut);

        Assert.Empty(_sent);
        var confirm = Text(cut, "send-confirm");
        Assert.Contains("¥30.00", confirm);
        Assert.Contains("Normal", confirm);
        cut.Find("button[data-testid=send-back]").Click();
        Assert.Equal("10", cut.Find("input[data-testid=amount]").GetAttribute("value"));
        Assert.Empty(_sent);
    }

    [Fact]
    public void Submit_DoubleClick_SendsOnceWithOneKey()
    {
        var pending = new TaskCompletionSource<string?>();
        var cut = RenderForm(onSend: d => { _sent.Add(d); return pending.Task; });
        Fill(cut, "5", "2");
        Submit(cut);
        cut.Find("input[data-testid=pin-input]").Input(Pin);

        var button = cut.Find("button[data-testid=send-confirm-submit]");
        button.Click();
        button.Click();
        pending.SetResult(null);

        cut.WaitForAssertion(() => Assert.Single(_sent));
        Assert.False(cut.Find("button[data-testid=send-confirm-submit]").HasAttribute("disabled"));
    }

    [Fact]
    public void Submit_Retried_KeepsTheSameIdempotencyKey()
    {
        var cut = RenderForm(onSend: d => { _sent.Add(d); return Task.FromResult<string?>("The packet is busy; please try again."); });
        Fill(cut, "5", "2");
        Submit(cut);

        Confirm(cut);
        Confirm(cut);

        Assert.Equal(2, _sent.Count);
        Assert.Equal(_sent[0].IdempotencyKey, _sent[1].IdempotencyKey);
    }

    [Fact]
    public void Confirm_PinPad_SixDigitsEnableTheButtonAndTravelWithTheDraft()
    {
        var cut = RenderForm();
        Fill(cut, "5", "2");
        Submit(cut);
        var pad = cut.Find("input[data-testid=pin-input]");
        Assert.Equal("numeric", pad.GetAttribute("inputmode"));

        pad.Input("12a3");
        Assert.Equal(3, cut.FindAll(".rp-pin-box").Count(b => b.TextContent == "●"));
        Assert.True(cut.Find("button[data-testid=send-confirm-submit]").HasAttribute("disabled"));

        cut.Find("input[data-testid=pin-input]").Input("1357902");
        Assert.Equal(6, cut.FindAll(".rp-pin-box").Count(b => b.TextContent == "●"));
        cut.Find("button[data-testid=send-confirm-submit]").Click();

        Assert.Equal("135790", Assert.Single(_sent).Pin);
    }

    [Fact]
    public void Confirm_ServerRefusesThePin_TheBoxesEmptyForAnotherTry()
    {
        var cut = RenderForm(onSend: d => { _sent.Add(d); return Task.FromResult<string?>("Wrong payment PIN: 4 tries left."); });
        Fill(cut, "5", "2");
        Submit(cut);

        Confirm(cut);

        cut.WaitForAssertion(() => Assert.Contains("4 tries left", cut.Find("[data-testid=send-error]").TextContent));
        Assert.Equal(0, cut.FindAll(".rp-pin-box").Count(b => b.TextContent == "●"));
        Assert.True(cut.Find("button[data-testid=send-confirm-submit]").HasAttribute("disabled"));
    }

    [Fact]
    public void Confirm_NoPinSetYet_LeadsToThePinPageInsteadOfThePad()
    {
        var cut = Render<SendPacketForm>(p => p.Add(f => f.Members, Family).Add(f => f.MyUserId, Me).Add(f => f.BalanceCents, 5_000)
            .Add(f => f.HasPin, false));
        Fill(cut, "5", "2");
        Submit(cut);

        Assert.Empty(cut.FindAll("input[data-testid=pin-input]"));
        Assert.Equal("/wallet/pin", cut.Find("[data-testid=pin-set-link]").GetAttribute("href"));
        Assert.True(cut.Find("button[data-testid=send-confirm-submit]").HasAttribute("disabled"));
    }

    [Fact]
    public void Submit_ServerRefuses_ShowsWhy()
    {
        var cut = RenderForm(onSend: _ => Task.FromResult<string?>("The balance (10 cents) is less than 500 cents."));
        Fill(cut, "5", "1");

        Submit(cut);
        Confirm(cut);

        cut.WaitForAssertion(() => Assert.Contains("less than 500 cents", cut.Find("[data-testid=send-error]").TextContent));
    }

    [Fact]
    public void Render_Chinese_LabelsAndPreviewInChinese()
    {
        Culture = CultureInfo.GetCultureInfo("zh-CN");
        var cut = RenderForm();
        cut.Find("[data-testid=kind-fixed]").Click();
        Fill(cut, "10", "5");

        Assert.Equal("余额：¥50.00", Text(cut, "send-balance"));
        Assert.Contains("普通红包", cut.Markup);
        Assert.Contains("单个金额（¥）", cut.Markup);
        Assert.Equal("合计¥50.00 · 5 × ¥10.00", Text(cut, "send-preview"));
        Assert.StartsWith("5个红包，但群里只有3位其他成员", Text(cut, "count-warning"));
    }
}
