using Microsoft.Extensions.DependencyInjection;
using RedPacket.Domain.Groups;
using RedPacket.Tests.E2E.Pages;
using RedPacket.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace RedPacket.Tests.E2E;

/// <summary>The payment PIN in the browser: the six-box pad in the send dialog, and the page that sets it.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class PinTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => Assert.True((await app.AuditAsync()).Consistent);

    [Theory]
    [InlineData("zh-CN", "支付密码错误，还可以再试4次。")]
    [InlineData("en-US", "Wrong payment PIN: 4 tries left.")]
    public async Task SendDialog_WrongPinThenTheRightOne_RefusedInTheLanguageThenSent(string locale, string wrongPin)
    {
        var carol = new ChatPage(await app.SignInAsync("carol", locale: locale));
        await carol.OpenGroupAsync("Family");
        var bubbles = await carol.Bubbles.CountAsync();
        await carol.OpenSendDialogAsync();
        await carol.FillSendAsync("1.00", 1);

        await carol.SubmitSendAsync(pin: "999990");

        await Expect(carol.Page.Locator("[data-testid=send-error]")).ToHaveTextAsync(wrongPin);
        await Expect(carol.Page.Locator(".rp-pin-box", new() { HasText = "●" })).ToHaveCountAsync(0);
        await Expect(carol.Bubbles).ToHaveCountAsync(bubbles);

        await carol.Page.Locator("input[data-testid=pin-input]").PressSequentiallyAsync(ChatPage.DemoPin);
        await Expect(carol.Page.Locator(".rp-pin-box", new() { HasText = "●" })).ToHaveCountAsync(6);
        await carol.Page.ClickAsync("[data-testid=send-confirm-submit]");

        await Expect(carol.Bubbles).ToHaveCountAsync(bubbles + 1);
        await carol.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task NewUser_NoPinYet_SetsOneOnThePinPageThenSends()
    {
        var name = $"pin{Guid.NewGuid():N}"[..12];
        using (var scope = app.Services.CreateScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserRegistration>().RegisterAsync(name, "newbie1234", 5_000);
            var family = (await app.Get<GroupService>().FindByNameAsync("Family"))!;
            await app.Get<GroupService>().AddMemberAsync(family.Id, user.Id);
        }
        var page = await app.SignInAsync(name, "newbie1234", locale: "zh-CN");
        var chat = new ChatPage(page);
        await chat.OpenGroupAsync("Family");
        await chat.OpenSendDialogAsync();
        await chat.FillSendAsync("1.00", 1);
        await page.ClickAsync("[data-testid=send-submit]");

        await Expect(page.Locator("[data-testid=pin-not-set]")).ToContainTextAsync("请先设置支付密码");
        await Expect(page.Locator("[data-testid=send-confirm-submit]")).ToBeDisabledAsync();
        await page.ClickAsync("[data-testid=pin-set-link]");

        await Expect(page.Locator("[data-testid=pin-heading]")).ToHaveTextAsync("设置支付密码");
        await AppPage.WaitInteractiveAsync(page);
        await page.Locator("input[data-testid=pin-new-input]").PressSequentiallyAsync("123456");
        await page.Locator("input[data-testid=pin-repeat-input]").PressSequentiallyAsync("123456");
        await page.ClickAsync("[data-testid=pin-save]");
        await Expect(page.Locator("[data-testid=pin-error]")).ToContainTextAsync("密码过于简单");

        await page.Locator("input[data-testid=pin-new-input]").FillAsync("");
        await page.Locator("input[data-testid=pin-new-input]").PressSequentiallyAsync("802413");
        await page.Locator("input[data-testid=pin-repeat-input]").FillAsync("");
        await page.Locator("input[data-testid=pin-repeat-input]").PressSequentiallyAsync("802413");
        await page.ClickAsync("[data-testid=pin-save]");
        await Expect(page.Locator("[data-testid=pin-saved]")).ToContainTextAsync("支付密码已保存");
        await Expect(page.Locator("[data-testid=pin-heading]")).ToHaveTextAsync("修改支付密码");
        await AppPage.ScreenshotAsync(page, "pin-page-zh");

        await chat.OpenGroupAsync("Family");
        var bubbles = await chat.Bubbles.CountAsync();
        await chat.OpenSendDialogAsync();
        await chat.FillSendAsync("1.00", 1);
        await chat.SubmitSendAsync(pin: "802413");
        await Expect(chat.Bubbles).ToHaveCountAsync(bubbles + 1);
        await Expect(AppPage.Balance(page)).ToContainTextAsync("¥49.00");
        await page.Context.CloseAsync();
    }
}
