using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RedPacket.Domain.Groups;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Sending;
using RedPacket.Tests.E2E.Pages;
using RedPacket.Web.Components.Layout;
using RedPacket.Web.Identity;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace RedPacket.Tests.E2E;

/// <summary>The app bar: language, drawer, dark mode; and AA contrast of the main pages in both themes.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class ShellTests(BrowserAppFixture app, ITestOutputHelper output) : IClassFixture<BrowserAppFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => Assert.True((await app.AuditAsync()).Consistent);

    private async Task<IPage> SignedOutAsync(string locale, bool dark = false)
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, Locale = locale, ViewportSize = new() { Width = 1100, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        if (dark)
            await context.AddCookiesAsync([new Cookie { Name = UiPreferences.DarkCookie, Value = "1", Url = app.BaseUrl }]);
        return await context.NewPageAsync();
    }

    [Theory]
    [InlineData("zh-CN", "登录", "用户名")]
    [InlineData("en-US", "Sign in", "User name")]
    public async Task SignInPage_BrowserLocale_SpeaksItsLanguage(string locale, string signIn, string userName)
    {
        var page = await SignedOutAsync(locale);

        await page.GotoAsync("/login");

        await Expect(page.Locator(".login-card h5")).ToHaveTextAsync(signIn);
        await Expect(page.Locator("#sign-in")).ToHaveTextAsync(signIn);
        await Expect(page.Locator("label[for=userName]")).ToHaveTextAsync(userName);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CultureSwitch_SignedOut_SwitchesTheSignInPage()
    {
        var page = await SignedOutAsync("en-US");
        await page.GotoAsync("/register");

        await page.ClickAsync("[data-testid=culture-zh]");

        await Expect(page.Locator("#register")).ToHaveTextAsync("创建账号");
        Assert.EndsWith("/register", page.Url);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CultureSwitch_FromTheAppBar_ChangesThePageAndSurvivesAReload()
    {
        var page = await app.SignInAsync("carol");
        await AppPage.GoAsync(page, "/wallet");
        await Expect(page.Locator("h4")).ToHaveTextAsync("Wallet");

        await page.ClickAsync("[data-testid=culture-zh]");

        await Expect(page.Locator("h4")).ToHaveTextAsync("钱包");
        Assert.EndsWith("/wallet", page.Url);
        await page.ReloadAsync();
        await AppPage.WaitInteractiveAsync(page);
        await Expect(page.Locator("h4")).ToHaveTextAsync("钱包");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "登出" })).ToBeVisibleAsync();

        await page.ClickAsync("[data-testid=culture-en]");
        await Expect(page.Locator("h4")).ToHaveTextAsync("Wallet");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Desktop_ChatsBesideTheOpenChat_UnreadCountedLiveAndClearedOnOpening()
    {
        var dave = new ChatPage(await app.SignInAsync("dave", width: 1280));
        await dave.OpenGroupAsync("Family");
        var (daveId, erinId) = (await UserIdAsync("dave"), await UserIdAsync("erin"));
        var groups = app.Get<GroupService>();
        var cousins = await groups.CreateAsync(daveId, "Cousins " + Guid.NewGuid().ToString("N")[..4]);
        await groups.JoinAsync(cousins.Id, erinId, cousins.InviteCode);
        // The list beside the chat was loaded before this group existed: a reload shows it.
        await dave.Page.ReloadAsync();
        await AppPage.WaitInteractiveAsync(dave.Page);
        var list = dave.Page.Locator("[data-testid=conversations]");
        await Expect(list).ToBeVisibleAsync();
        await Expect(dave.Page.Locator($"[data-testid=conversation-{cousins.Id}]")).ToBeVisibleAsync();

        // erin writes in the other group: dave's list counts it, live, and shows the line.
        await app.Get<RedPacket.Domain.Chat.ChatService>().PostAsync(cousins.Id, erinId, "see you at six");
        await Expect(dave.Page.Locator($"[data-testid=unread-{cousins.Id}]")).ToHaveTextAsync("1");
        await Expect(dave.Page.Locator($"[data-testid=conversation-last-{cousins.Id}]")).ToHaveTextAsync("erin: see you at six");
        // The chat has the room beside the list: no drawer, nothing wasted.
        var widths = await dave.Page.EvaluateAsync<double[]>(
            "() => [document.querySelector('[data-testid=conversations]').getBoundingClientRect().width, document.querySelector('[data-testid=chat]').getBoundingClientRect().width]");
        Assert.True(widths[0] >= 250 && widths[1] >= 600, $"list {widths[0]} px, chat {widths[1]} px");
        await AppPage.ScreenshotAsync(dave.Page, "desktop-chats");

        // Opened: read. Back on the list (after a reload: from MySQL), no badge.
        await dave.Page.ClickAsync($"[data-testid=conversation-{cousins.Id}]");
        await Expect(dave.Page.Locator("[data-testid=group-name]")).ToHaveTextAsync(cousins.Name);
        await AppPage.WaitInteractiveAsync(dave.Page);
        await Expect(dave.Page.Locator($"[data-testid=unread-{cousins.Id}]")).ToHaveCountAsync(0);
        await AppPage.GoAsync(dave.Page, "/");
        await Expect(dave.Page.Locator($"[data-testid=conversation-{cousins.Id}]")).ToBeVisibleAsync();
        await Expect(dave.Page.Locator($"[data-testid=unread-{cousins.Id}]")).ToHaveCountAsync(0);
        await dave.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Phone_ChatHasTheScreenAndABackArrowToTheList()
    {
        var dave = new ChatPage(await app.SignInAsync("dave", width: 390, height: 844));
        await dave.OpenGroupAsync("Family");

        await Expect(dave.Page.Locator(".rp-two-pane > [data-testid=conversations]")).ToBeHiddenAsync();
        await dave.Page.ClickAsync("[data-testid=back-to-chats]");
        await Expect(dave.Page.Locator("[data-testid=conversations]")).ToBeVisibleAsync();
        await Expect(dave.Page.GetByText("Family", new() { Exact = true })).ToBeVisibleAsync();
        await AppPage.ScreenshotAsync(dave.Page, "phone-chats");
        await dave.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task DarkMode_Toggled_DarkAfterAReloadToo()
    {
        var page = await app.SignInAsync("erin");
        var layout = page.Locator(".mud-layout");
        await Expect(layout).ToHaveAttributeAsync("data-theme", "light");
        var light = await BodyBackgroundAsync(page);

        await page.ClickAsync("[data-testid=dark-mode]");

        await Expect(layout).ToHaveAttributeAsync("data-theme", "dark");
        await page.WaitForFunctionAsync("c => getComputedStyle(document.body).backgroundColor !== c", light);
        await page.ReloadAsync();
        await AppPage.WaitInteractiveAsync(page);
        await Expect(layout).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(page.Locator("[data-testid=dark-mode]")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.NotEqual(light, await BodyBackgroundAsync(page));

        await page.ClickAsync("[data-testid=dark-mode]");
        await Expect(layout).ToHaveAttributeAsync("data-theme", "light");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DarkMode_BrowserPrefersDark_DarkUntilTheUserChoosesLight()
    {
        var context = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl, ViewportSize = new() { Width = 1100, Height = 900 }, ColorScheme = ColorScheme.Dark,
        });
        var page = await context.NewPageAsync();
        await new LoginPage(page).SignInAsync("erin", BrowserAppFixture.DemoPassword);
        await AppPage.WaitInteractiveAsync(page);
        var layout = page.Locator(".mud-layout");

        // Nobody pressed the switch: the browser's preference decides.
        await Expect(layout).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(page.Locator("[data-testid=dark-mode]")).ToHaveAttributeAsync("aria-pressed", "true");

        // The switch beats the browser, after a reload too.
        await page.ClickAsync("[data-testid=dark-mode]");
        await Expect(layout).ToHaveAttributeAsync("data-theme", "light");
        await page.ReloadAsync();
        await AppPage.WaitInteractiveAsync(page);
        await Expect(layout).ToHaveAttributeAsync("data-theme", "light");
        await context.CloseAsync();
    }

    private static Task<string> BodyBackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Contrast_MainPagesInATheme_MeetWcagAA(bool dark)
    {
        var family = (await app.Get<GroupService>().FindByNameAsync("Family"))!;
        await app.Get<PacketSender>().SendAsync(new SendPacketCommand(await UserIdAsync("bob"), family.Id, 300, 3, PacketKind.Lucky, "contrast"));
        var page = await SignedOutAsync("en-US", dark);
        var problems = new List<string>();

        await page.GotoAsync("/login");
        problems.AddRange(await ContrastProblemsAsync(page, "sign-in"));
        await new LoginPage(page).SignInAsync("bob", BrowserAppFixture.DemoPassword);
        await Expect(page.Locator(".mud-layout")).ToHaveAttributeAsync("data-theme", dark ? "dark" : "light");
        await page.GetByText("Family", new() { Exact = true }).WaitForAsync();
        problems.AddRange(await ContrastProblemsAsync(page, "groups"));
        var chat = new ChatPage(page);
        await chat.OpenGroupAsync("Family");
        await Expect(chat.Bubbles).Not.ToHaveCountAsync(0);
        await page.FillAsync("input[data-testid=message]", "contrast check");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".text-bubble").Last).ToHaveTextAsync("contrast check");
        problems.AddRange(await ContrastProblemsAsync(page, "chat"));
        await chat.OpenSendDialogAsync();
        problems.AddRange(await ContrastProblemsAsync(page, "send dialog"));
        await chat.CloseDialogAsync();

        await AppPage.GoAsync(page, "/wallet");
        await Expect(page.Locator("[data-testid=wallet-balance]")).ToBeVisibleAsync();
        problems.AddRange(await ContrastProblemsAsync(page, "wallet"));
        // The join page, as a newcomer sees it: a group bob is not in yet.
        var club = await app.Get<GroupService>().CreateAsync(await UserIdAsync("alice"), $"Contrast club {(dark ? "dark" : "light")}");
        await AppPage.GoAsync(page, $"/join/{club.Id}/{club.InviteCode}");
        await Expect(page.Locator("[data-testid=join-button]")).ToBeVisibleAsync();
        problems.AddRange(await ContrastProblemsAsync(page, "join"));

        foreach (var p in problems) output.WriteLine(p);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.Context.CloseAsync();
    }

    /// <summary>axe's color-contrast rule (WCAG 2 AA) only: one line per failing element, with what axe measured.</summary>
    private static async Task<IEnumerable<string>> ContrastProblemsAsync(IPage page, string where)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "rule", Values = ["color-contrast"] } });
        return result.Violations.SelectMany(v => v.Nodes).Select(n =>
            $"{where}: {n.Target} {string.Join(" ", n.Any.Select(c => c.Message))} :: {n.Html}");
    }

    private async Task<string> UserIdAsync(string name)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>().FindByNameAsync(name))!.Id;
    }
}
