using RedPacket.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace RedPacket.Tests.E2E;

[Collection(nameof(BrowserCollection))]
public sealed class PhoneTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => Assert.True((await app.AuditAsync()).Consistent);

    [Fact]
    public async Task Chat_OnAPhoneSizedScreen_SendAndOpenWithinTheViewport()
    {
        var carol = new ChatPage(await app.SignInAsync("carol", width: 390, height: 844));
        var dave = new ChatPage(await app.SignInAsync("dave", width: 390, height: 844));
        await carol.OpenGroupAsync("Family");
        await dave.OpenGroupAsync("Family");

        await Expect(carol.Page.Locator("[data-testid=send-packet]")).ToBeInViewportAsync();
        await carol.OpenSendDialogAsync();
        await carol.FillSendAsync("6.66", 2, fixedSplit: true, greeting: "六六大顺");
        await Expect(carol.Page.Locator("[data-testid=send-submit]")).ToBeInViewportAsync();
        await carol.SubmitSendAsync();
        await Expect(dave.Bubbles).Not.ToHaveCountAsync(0);
        var packet = await dave.NewestPacketIdAsync();

        Assert.Equal("You got ¥3.33", await dave.GrabAsync(packet));
        await AppPage.ScreenshotAsync(dave.Page, "phone-opened-packet");
        await dave.CloseDialogAsync();
        await Expect(carol.BubbleLeft(packet)).ToHaveTextAsync("1 of 2 left");
        await AppPage.ScreenshotAsync(carol.Page, "phone-chat");
    }
}
