using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RedPacket.Domain.Groups;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Sending;
using RedPacket.Tests.E2E.Pages;
using RedPacket.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace RedPacket.Tests.E2E;

/// <summary>Invitations (link, QR code, join page) and the admin's way from a refund row to the packet.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class InviteFlowTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => Assert.True((await app.AuditAsync()).Consistent);

    private async Task RegisterAsync(string user, string password)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<UserRegistration>().RegisterAsync(user, password, 0);
    }

    private async Task<string> UserIdAsync(string user)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        return (await users.FindByNameAsync(user))!.Id;
    }

    [Fact]
    public async Task InviteLink_NewUserOnAPhone_SignsInFromTheLinkJoinsAndLandsInTheChat()
    {
        var family = (await app.Get<GroupService>().FindByNameAsync("Family"))!;
        await RegisterAsync("newbie", "newbie1234");

        // alice opens the invitation of Family from its chat: the link, its QR code, copy.
        var alice = await app.SignInAsync("alice");
        await alice.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await new ChatPage(alice).OpenGroupAsync("Family");
        await alice.ClickAsync("[data-testid=invite-open]");
        var link = await alice.Locator("input[data-testid=invite-link]").InputValueAsync();
        Assert.Equal($"{app.BaseUrl}/join/{family.Id}/{family.InviteCode}", link);
        await Expect(alice.Locator("img[data-testid=invite-qr]")).ToBeVisibleAsync();
        await alice.ClickAsync("[data-testid=invite-copy]");
        await Expect(alice.Locator("[data-testid=invite-copy]")).ToContainTextAsync("Copied");
        await AppPage.ScreenshotAsync(alice, "invite-dialog");

        // A newcomer on a phone, not signed in, follows the link: sign in first, then back to the link.
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 }, Locale = "en-US" });
        context.SetDefaultTimeout(30_000);
        var phone = await context.NewPageAsync();
        await phone.GotoAsync(link);
        await phone.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        await new LoginPage(phone).SubmitAsync("newbie", "newbie1234");
        await Expect(phone.Locator("[data-testid=join-group-name]")).ToHaveTextAsync("Family");
        await Expect(phone.Locator("[data-testid=join-button]")).ToBeInViewportAsync();
        await AppPage.ScreenshotAsync(phone, "phone-join");

        // The button is prerendered: a click before the circuit is up would be lost (it was, once, under CI's load).
        await AppPage.WaitInteractiveAsync(phone);
        await phone.ClickAsync("[data-testid=join-button]");

        await phone.WaitForURLAsync(url => url.EndsWith($"/groups/{family.Id}", StringComparison.Ordinal));
        await Expect(phone.Locator("[data-testid=chat]")).ToBeVisibleAsync();
        Assert.True(await app.Get<GroupService>().IsMemberAsync(family.Id, await UserIdAsync("newbie")));
    }

    [Fact]
    public async Task InviteLink_WrongCodeInChinese_SaysTheLinkIsInvalid()
    {
        var family = (await app.Get<GroupService>().FindByNameAsync("Family"))!;
        var erin = await app.SignInAsync("erin", locale: "zh-CN");

        await AppPage.GoAsync(erin, $"/join/{family.Id}/WRONGCODE9");

        await Expect(erin.Locator("[data-testid=bad-invite]")).ToContainTextAsync("邀请链接无效");
        await Expect(erin.Locator("[data-testid=join-button]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task RefundRow_Admin_NamesTheSenderAndOpensTheReadOnlyPacketView()
    {
        var family = (await app.Get<GroupService>().FindByNameAsync("Family"))!;
        var packet = await app.Get<PacketSender>().SendAsync(
            new SendPacketCommand(await UserIdAsync("carol"), family.Id, 200, 2, PacketKind.Fixed, "for the admin"));
        app.Clock.Advance(TimeSpan.FromHours(25));
        var admin = new AdminPage(await app.SignInAsync("admin"));
        await admin.OpenAsync();
        await admin.RunRefundJobAsync();

        await Expect(admin.RefundRow(packet.PacketId).Locator("[data-testid=refund-sender]")).ToHaveTextAsync("carol");
        await admin.PacketLink(packet.PacketId).ClickAsync();

        await admin.Page.WaitForURLAsync(url => url.EndsWith($"/admin/packets/{packet.PacketId}", StringComparison.Ordinal));
        await Expect(admin.Page.Locator("[data-testid=admin-packet-greeting]")).ToContainTextAsync("for the admin");
        await Expect(admin.Page.Locator("[data-testid=admin-packet-sender]")).ToHaveTextAsync("carol");
        await Expect(admin.Page.Locator("[data-testid=admin-packet-refunded]")).ToHaveTextAsync("¥2.00");
        await Expect(admin.Page.Locator("[data-testid=read-only]")).ToBeVisibleAsync();
        await Expect(admin.Page.Locator("[data-testid=open-packet]")).ToHaveCountAsync(0);
        await admin.Page.ClickAsync("[data-testid=back-to-admin]");
        await admin.Page.Locator("[data-testid=admin-title]").WaitForAsync();
    }
}
