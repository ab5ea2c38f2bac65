using Bunit;
using RedPacket.Domain.Packets;
using RedPacket.Web.Components.Shared;

namespace RedPacket.Tests.Component;

public sealed class SendPacketFormTests : ComponentTest
{
    private readonly List<SendPacketDraft> _sent = [];

    private IRenderedComponent<SendPacketForm> RenderForm(long balance = 5_000, Func<SendPacketDraft, Task<string?>>? onSend = null) =>
        Render<SendPacketForm>(p => p
            .Add(f => f.BalanceCents, balance)
            .Add(f => f.Limits, new PacketOptions())
            .Add(f => f.OnSend, onSend ?? (d => { _sent.Add(d); return Task.FromResult<string?>(null); })));

    private static void Fill(IRenderedComponent<SendPacketForm> cut, string amount, string count)
    {
        cut.Find("input[data-testid=amount]").Input(amount);
        cut.Find("input[data-testid=count]").Input(count);
    }

    private static void Submit(IRenderedComponent<SendPacketForm> cut) => cut.Find("button[data-testid=send-submit]").Click();

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
        Assert.Empty(_sent);
    }

    [Fact]
    public void Submit_Valid_SendsCentsKindAndGreeting()
    {
        var cut = RenderForm();
        Fill(cut, "10.5", "3");
        cut.Find("input[data-testid=kind-fixed]").Click();
        cut.Find("input[data-testid=greeting]").Change("新年快乐");

        Submit(cut);

        var draft = Assert.Single(_sent);
        Assert.Equal((1_050L, 3, PacketKind.Fixed, "新年快乐"), (draft.TotalCents, draft.Count, draft.Kind, draft.Greeting));
        Assert.False(string.IsNullOrEmpty(draft.IdempotencyKey));
    }

    [Fact]
    public void Submit_DoubleClick_SendsOnceWithOneKey()
    {
        var pending = new TaskCompletionSource<string?>();
        var cut = RenderForm(onSend: d => { _sent.Add(d); return pending.Task; });
        Fill(cut, "5", "2");

        Submit(cut);
        Submit(cut);
        pending.SetResult(null);

        cut.WaitForAssertion(() => Assert.Single(_sent));
        Assert.False(cut.Find("button[data-testid=send-submit]").HasAttribute("disabled"));
    }

    [Fact]
    public void Submit_Retried_KeepsTheSameIdempotencyKey()
    {
        var cut = RenderForm(onSend: d => { _sent.Add(d); return Task.FromResult<string?>("The packet is busy; please try again."); });
        Fill(cut, "5", "2");

        Submit(cut);
        Submit(cut);

        Assert.Equal(2, _sent.Count);
        Assert.Equal(_sent[0].IdempotencyKey, _sent[1].IdempotencyKey);
    }

    [Fact]
    public void Submit_ServerRefuses_ShowsWhy()
    {
        var cut = RenderForm(onSend: _ => Task.FromResult<string?>("The balance (10 cents) is less than 500 cents."));
        Fill(cut, "5", "1");

        Submit(cut);

        cut.WaitForAssertion(() => Assert.Contains("less than 500 cents", cut.Find("[data-testid=send-error]").TextContent));
    }
}
