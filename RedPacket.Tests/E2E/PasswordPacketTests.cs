using RedPacket.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace RedPacket.Tests.E2E;

/// <summary>A 口令红包 from the send dialog to the member who says the phrase, in both languages.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class PasswordPacketTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => Assert.True((await app.AuditAsync()).Consistent);

    [Theory]
    [InlineData("zh-CN", "当前为口令红包", "口令：", "发送口令并领取", "你领到")]
    [InlineData("en-US", "Password packet", "Phrase: ", "Send the phrase and open", "You got")]
    public async Task PasswordPacket_MemberSendsThePhrase_ItIsTheirChatLineAndTheyGetAShare(string locale, string kindNow, string phraseLabel,
        string sendPhrase, string youGot)
    {
        var phrase = locale == "zh-CN" ? "新年快乐" : "happy new year";
        var alice = new ChatPage(await app.SignInAsync("alice", locale: locale));
        await alice.OpenGroupAsync("Family");
        await alice.OpenSendDialogAsync();
        await alice.Page.ClickAsync("[data-testid=kind-password]");
        await Expect(alice.Page.Locator("[data-testid=kind-now]")).ToContainTextAsync(kindNow);
        await alice.Page.FillAsync("input[data-testid=phrase]", phrase);
        await alice.FillSendAsync("2.00", 2);
        await alice.SubmitSendAsync();
        await Expect(alice.Page.Locator(".mud-dialog")).ToHaveCountAsync(0);

        var bob = new ChatPage(await app.SignInAsync("bob", locale: locale));
        await bob.GoAsync(long.Parse(alice.Page.Url.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1]));
        var packet = await bob.NewestPacketIdAsync();
        await Expect(bob.Page.Locator($"[data-testid=bubble-phrase-{packet}]")).ToHaveTextAsync(phraseLabel + phrase);
        await bob.Bubble(packet).ClickAsync();
        await Expect(bob.Page.Locator("[data-testid=envelope-phrase]")).ToHaveTextAsync(phraseLabel + phrase);
        await Expect(bob.Page.Locator("[data-testid=open-packet]")).ToHaveTextAsync(sendPhrase);
        if (locale == "zh-CN") await AppPage.ScreenshotAsync(bob.Page, "password-envelope-zh");
        await bob.Page.ClickAsync("[data-testid=open-packet]");

        await Expect(bob.GrabResult).ToContainTextAsync(youGot);
        await bob.CloseDialogAsync();
        // The phrase is bob's own line in the chat, and alice sees it live.
        await Expect(bob.Page.Locator(".chat-line.mine .text-bubble").Last).ToHaveTextAsync(phrase);
        await Expect(alice.Page.Locator(".text-bubble").Last).ToHaveTextAsync(phrase);
        await alice.Page.Context.CloseAsync();
        await bob.Page.Context.CloseAsync();
    }
}
