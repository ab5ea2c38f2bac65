using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RedPacket.Domain.Groups;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Sending;
using RedPacket.Tests.E2E.Pages;
using RedPacket.Web.Components.Layout;
using static Microsoft.Playwright.Assertions;

namespace RedPacket.Tests.E2E;

/// <summary>
/// Nothing wider than the screen: at phone, tablet and desktop widths, in both languages and both themes, the main pages
/// (the chats, a chat with the envelope open, the opened packet, the send dialog, the wallet, admin) never make the page
/// scroll sideways, and an open dialog fits the screen.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class LayoutGuardTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => Assert.True((await app.AuditAsync()).Consistent);

    [Theory]
    [InlineData(360, "zh-CN", false)]
    [InlineData(360, "en-US", true)]
    [InlineData(390, "en-US", false)]
    [InlineData(390, "zh-CN", true)]
    [InlineData(768, "zh-CN", false)]
    [InlineData(768, "en-US", true)]
    [InlineData(1280, "en-US", false)]
    [InlineData(1280, "zh-CN", true)]
    public async Task MainPages_AtThisWidth_NothingWiderThanTheScreen(int width, string locale, bool dark)
    {
        var page = await SignedInAsync("carol", width, locale, dark);
        var family = (await app.Get<GroupService>().FindByNameAsync("Family"))!;
        var packet = await app.Get<PacketSender>().SendAsync(new SendPacketCommand(await UserIdAsync("bob"), family.Id, 300, 3,
            PacketKind.Lucky, "恭喜发财"));
        var problems = new List<string>();

        await AppPage.GoAsync(page, "/");
        await Expect(page.Locator("[data-testid=conversations]")).ToBeVisibleAsync();
        problems.AddRange(await OverflowAsync(page, "chats"));

        var chat = new ChatPage(page);
        await chat.GoAsync(family.Id);
        await AppPage.WaitInteractiveAsync(page);
        await chat.Bubble(packet.PacketId).ClickAsync();
        await Expect(page.Locator("[data-testid=open-packet]")).ToBeVisibleAsync();
        problems.AddRange(await OverflowAsync(page, "envelope"));
        await page.ClickAsync("[data-testid=open-packet]");
        await Expect(chat.GrabResult).ToBeVisibleAsync();
        problems.AddRange(await OverflowAsync(page, "opened"));
        await chat.CloseDialogAsync();

        await chat.OpenSendDialogAsync();
        problems.AddRange(await OverflowAsync(page, "send dialog"));
        await chat.CloseDialogAsync();

        await AppPage.GoAsync(page, "/wallet");
        problems.AddRange(await OverflowAsync(page, "wallet"));
        await page.Context.CloseAsync();

        var admin = await SignedInAsync("admin", width, locale, dark);
        await AppPage.GoAsync(admin, "/admin");
        await Expect(admin.Locator("[data-testid=audit]")).ToBeVisibleAsync();
        problems.AddRange(await OverflowAsync(admin, "admin"));
        await admin.Context.CloseAsync();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private async Task<string> UserIdAsync(string name)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<RedPacket.Web.Identity.AppUser>>()
            .FindByNameAsync(name))!.Id;
    }

    private async Task<IPage> SignedInAsync(string user, int width, string locale, bool dark)
    {
        var page = await app.SignInAsync(user, width: width, height: 800, locale: locale);
        await page.Context.AddCookiesAsync([new Cookie { Name = UiPreferences.DarkCookie, Value = dark ? "1" : "0", Url = app.BaseUrl }]);
        return page;
    }

    /// <summary>What sticks out: the page scrolling sideways, or an open dialog wider or taller than the screen.</summary>
    private static async Task<IEnumerable<string>> OverflowAsync(IPage page, string where)
    {
        var found = await page.EvaluateAsync<string[]>("""
            () => {
              const out = [];
              const w = window.innerWidth, h = window.innerHeight;
              const sw = document.documentElement.scrollWidth;
              if (sw > w) out.push(`page ${sw}px wide on a ${w}px screen`);
              for (const d of document.querySelectorAll('.mud-dialog')) {
                const r = d.getBoundingClientRect();
                if (r.left < -1 || r.right > w + 1) out.push(`dialog ${Math.round(r.left)}..${Math.round(r.right)} on ${w}px`);
              }
              return out;
            }
            """);
        return found.Select(f => $"{where}: {f}");
    }
}
