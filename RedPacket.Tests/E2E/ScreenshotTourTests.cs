using Microsoft.Playwright;
using RedPacket.Tests.E2E.Pages;
using RedPacket.Web.Components.Layout;
using static Microsoft.Playwright.Assertions;

namespace RedPacket.Tests.E2E;

/// <summary>
/// The send dialog, the invitation, the wallet and admin in Chinese and in the dark theme: each checked for its language
/// and theme, then photographed for the README (docs/screenshots/*-zh.png, *-dark.png).
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class ScreenshotTourTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => Assert.True((await app.AuditAsync()).Consistent);

    [Theory]
    [InlineData("zh-CN", false, "zh", "当前为拼手气红包", "邀请链接", "收到的红包")]
    [InlineData("en-US", true, "dark", "Lucky packet", "Invitation link", "Received")]
    public async Task Tour_SendInviteWalletAdmin_InTheLanguageAndTheme(string locale, bool dark, string suffix, string kindLine, string invite, string walletWord)
    {
        var page = await app.SignInAsync("alice", locale: locale, dark: dark);
        var chat = new ChatPage(page);
        await chat.OpenGroupAsync("Family");
        await Expect(page.Locator(".mud-layout")).ToHaveAttributeAsync("data-theme", dark ? "dark" : "light");

        await chat.OpenSendDialogAsync();
        await page.FillAsync("input[data-testid=amount]", "8.88");
        await page.FillAsync("input[data-testid=count]", "3");
        await Expect(page.Locator("[data-testid=kind-line]")).ToContainTextAsync(kindLine);
        await Expect(page.Locator("[data-testid=send-total]")).ToHaveTextAsync("¥8.88");
        await AppPage.ScreenshotAsync(page, $"send-dialog-{suffix}");
        await chat.CloseDialogAsync();

        await page.ClickAsync("[data-testid=invite-open]");
        await Expect(page.Locator("img[data-testid=invite-qr]")).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync(invite);
        await AppPage.ScreenshotAsync(page, $"invite-dialog-{suffix}");
        await chat.CloseDialogAsync();

        await AppPage.GoAsync(page, "/wallet");
        await Expect(page.Locator("[data-testid=wallet-balance]")).ToContainTextAsync("¥");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = walletWord })).ToBeVisibleAsync();
        await AppPage.ScreenshotAsync(page, $"wallet-{suffix}");
        await page.Context.CloseAsync();

        var admin = new AdminPage(await app.SignInAsync("admin", locale: locale, dark: dark));
        await admin.OpenAsync();
        await Expect(admin.Consistent).ToBeVisibleAsync();
        await AppPage.ScreenshotAsync(admin.Page, $"admin-{suffix}");
        await admin.Page.Context.CloseAsync();
    }

}
