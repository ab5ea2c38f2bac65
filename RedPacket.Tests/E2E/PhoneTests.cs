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

    [Theory]
    [InlineData(360, "en-US")]
    [InlineData(360, "zh-CN")]
    [InlineData(390, "en-US")]
    [InlineData(390, "zh-CN")]
    public async Task AppBar_SmallPhone_SignOutOnScreenAndNothingWiderThanIt(int width, string locale)
    {
        // carol: a five-letter name used to push the sign-out button off a 390 px screen.
        var carol = new ChatPage(await app.SignInAsync("carol", width: width, height: 780, locale: locale));
        await carol.OpenGroupAsync("Family");

        await Expect(carol.Page.Locator("[data-testid=sign-out]")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(carol.Page.Locator("[data-testid=send-packet]")).ToBeInViewportAsync(new() { Ratio = 1 });
        // The red packet button is a real target on a phone, not a bare small icon.
        var button = (await carol.Page.Locator("[data-testid=send-packet]").BoundingBoxAsync())!;
        Assert.True(button.Width >= 44 && button.Height >= 36, $"the red packet button is {button.Width}×{button.Height} px");
        var overflow = await carol.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than the {width} px screen");
    }
}
