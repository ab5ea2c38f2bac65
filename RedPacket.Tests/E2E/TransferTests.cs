using RedPacket.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace RedPacket.Tests.E2E;

/// <summary>A transfer (转账) from the composer to the recipient's 收款, live on both screens, in both languages.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class TransferTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => Assert.True((await app.AuditAsync()).Consistent);

    [Theory]
    [InlineData("zh-CN", "待{0}收款", "{0}向你转账", "收款", "已收款")]
    [InlineData("en-US", "Waiting for {0}", "{0} sent you money", "Accept", "Accepted")]
    public async Task Transfer_SentThenAccepted_TheCardFollowsLiveAndTheMoneyMovesOnce(string locale, string waiting, string toYou,
        string accept, string accepted)
    {
        var (from, to) = locale == "zh-CN" ? ("dave", "erin") : ("erin", "dave");
        var sender = new ChatPage(await app.SignInAsync(from, locale: locale));
        var recipient = new ChatPage(await app.SignInAsync(to, locale: locale));
        await sender.OpenGroupAsync("Family");
        await recipient.OpenGroupAsync("Family");
        var senderBalance = await AppPage.Balance(sender.Page).TextContentAsync();

        await sender.Page.ClickAsync("[data-testid=transfer-open]");
        await sender.Page.Locator($"input[data-testid=transfer-to-{to}]").ClickAsync();
        await sender.Page.FillAsync("input[data-testid=transfer-amount]", "3.00");
        await sender.Page.FillAsync("input[data-testid=transfer-note]", "🍜");
        await sender.Page.Locator("input[data-testid=transfer-pin-input]").PressSequentiallyAsync(ChatPage.DemoPin);
        if (locale == "zh-CN") await AppPage.ScreenshotAsync(sender.Page, "transfer-form-zh");
        await sender.Page.ClickAsync("[data-testid=transfer-submit]");

        var card = sender.Page.Locator("[data-testid^=transfer-status-]").Last;
        await Expect(card).ToHaveTextAsync(string.Format(waiting, to));
        await Expect(AppPage.Balance(sender.Page)).Not.ToHaveTextAsync(senderBalance!);
        var theirs = recipient.Page.Locator("[data-testid^=transfer-status-]").Last;
        await Expect(theirs).ToHaveTextAsync("🍜");
        // The conversation list beside the chat names the new line, live.
        await Expect(recipient.Page.Locator("[data-testid^=conversation-last-]").First).ToContainTextAsync(locale == "zh-CN" ? "[转账]" : "[Transfer]");

        await recipient.Page.Locator("[data-testid^=transfer-amount-]").Last.ClickAsync();
        await Expect(recipient.Page.Locator("[data-testid=transfer-detail-status]")).ToHaveTextAsync(string.Format(toYou, from));
        await Expect(recipient.Page.Locator("[data-testid=transfer-accept]")).ToHaveTextAsync(accept);
        if (locale == "zh-CN") await AppPage.ScreenshotAsync(recipient.Page, "transfer-accept-zh");
        await recipient.Page.ClickAsync("[data-testid=transfer-accept]");

        await Expect(recipient.Page.Locator("[data-testid=transfer-accept]")).ToHaveCountAsync(0);
        await recipient.CloseDialogAsync();
        await Expect(theirs).ToHaveTextAsync(accepted);
        // The sender's card turns live.
        await Expect(card).ToHaveTextAsync(accepted);
        await sender.Page.Context.CloseAsync();
        await recipient.Page.Context.CloseAsync();
    }
}
