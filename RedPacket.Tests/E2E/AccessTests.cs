using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RedPacket.Domain.Groups;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Sending;
using RedPacket.Tests.E2E.Pages;
using RedPacket.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace RedPacket.Tests.E2E;

[Collection(nameof(BrowserCollection))]
public sealed class AccessTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => Assert.True((await app.AuditAsync()).Consistent);

    [Fact]
    public async Task AdminPage_PlainUser_TurnedAway()
    {
        var bob = await app.SignInAsync("bob");

        await bob.GotoAsync("/admin");

        await Expect(bob.Locator("[data-testid=denied]")).ToBeVisibleAsync();
        await Expect(bob.Locator("[data-testid=admin-title]")).ToHaveCountAsync(0);
        await Expect(bob.Locator("[data-testid=run-refunds]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task SignOut_TheAppBarButton_SignsOutWithTheFormsToken()
    {
        var erin = await app.SignInAsync("erin");

        // Rendered by the circuit, not the prerender: the antiforgery token must reach the interactive form too.
        await erin.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await erin.WaitForURLAsync(url => url.Contains("/login"));

        await erin.GotoAsync("/wallet");
        await erin.WaitForURLAsync(url => url.Contains("/login?ReturnUrl=", StringComparison.OrdinalIgnoreCase));
        await Expect(erin.Locator("#sign-in")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task PacketAndGroupUrls_Outsider_SeeNothing()
    {
        var family = (await app.Get<GroupService>().FindByNameAsync("Family"))!;
        string aliceId;
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            aliceId = (await users.FindByNameAsync("alice"))!.Id;
            await scope.ServiceProvider.GetRequiredService<UserRegistration>().RegisterAsync("mallory", "mallory123", 0);
        }
        var packet = await app.Get<PacketSender>().SendAsync(new SendPacketCommand(aliceId, family.Id, 300, 3, PacketKind.Lucky, "family only"));
        var mallory = await app.SignInAsync("mallory", "mallory123");

        await AppPage.GoAsync(mallory, $"/packets/{packet.PacketId}");
        await Expect(mallory.Locator("[data-testid=no-access]")).ToBeVisibleAsync();
        await Expect(mallory.Locator("body")).Not.ToContainTextAsync("family only");

        await AppPage.GoAsync(mallory, $"/groups/{family.Id}");
        await Expect(mallory.Locator("[data-testid=no-access]")).ToBeVisibleAsync();
        await Expect(mallory.Locator("[data-testid^=bubble-]")).ToHaveCountAsync(0);
    }
}
