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
/// (the chats, a chat with the envelope open, the opened packet, the send dialog, the wallet, the join page, admin) never make the page
/// scroll sideways, and an open dialog fits the screen.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class LayoutGuardTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => Assert.True((await app.AuditAsync()).Consistent);

    /// <summary>Every width in both languages and both themes: 16 runs.</summary>
    public static TheoryData<int, string, bool> Screens()
    {
        var data = new TheoryData<int, string, bool>();
        foreach (var width in (int[])[360, 390, 768, 1280])
            foreach (var locale in (string[])["zh-CN", "en-US"])
                foreach (var dark in (bool[])[false, true])
                    data.Add(width, locale, dark);
        return data;
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task MainPages_AtThisWidth_NothingWiderThanTheScreen(int width, string locale, bool dark)
    {
        var page = await app.SignInAsync("carol", width: width, height: 800, locale: locale, dark: dark);
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

        // The join page, as a newcomer sees it: a group carol is not in yet.
        var club = await app.Get<GroupService>().CreateAsync(await UserIdAsync("bob"), $"Club {width} {locale} {(dark ? "dark" : "light")}");
        await AppPage.GoAsync(page, $"/join/{club.Id}/{club.InviteCode}");
        await Expect(page.Locator("[data-testid=join-button]")).ToBeVisibleAsync();
        problems.AddRange(await OverflowAsync(page, "join"));
        await page.Context.CloseAsync();

        var admin = await app.SignInAsync("admin", width: width, height: 800, locale: locale, dark: dark);
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
