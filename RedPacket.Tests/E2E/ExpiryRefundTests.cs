using System.Text.RegularExpressions;
using RedPacket.Tests.E2E.Pages;
using RedPacket.Web.Components.Shared;
using static Microsoft.Playwright.Assertions;

namespace RedPacket.Tests.E2E;

[Collection(nameof(BrowserCollection))]
public sealed class ExpiryRefundTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => Assert.True((await app.AuditAsync()).Consistent);

    [Fact]
    public async Task Expiry_AdminRunsRefundJob_SenderBalanceRisesLiveAndHistoryShowsTheRow()
    {
        var alice = new ChatPage(await app.SignInAsync("alice"));
        var bob = new ChatPage(await app.SignInAsync("bob"));
        await alice.OpenGroupAsync("Family");
        await alice.OpenSendDialogAsync();
        await alice.FillSendAsync("10.00", 3);
        await alice.SubmitSendAsync();
        await Expect(AppPage.Balance(alice.Page)).ToContainTextAsync("¥40.00");
        await bob.OpenGroupAsync("Family");
        var packet = await bob.NewestPacketIdAsync();
        var bobGot = long.Parse(Regex.Replace(await bob.GrabAsync(packet), @"[^\d]", ""));

        app.Clock.Advance(TimeSpan.FromHours(25));
        var admin = new AdminPage(await app.SignInAsync("admin"));
        await admin.OpenAsync();
        await admin.RunRefundJobAsync();

        await Expect(admin.RunSummary).ToContainTextAsync("1 refunded (" + Money.Yuan(1_000 - bobGot) + ")");
        await Expect(admin.RefundedPackets.Filter(new() { HasText = packet.ToString() })).ToHaveCountAsync(1);
        await Expect(admin.Consistent).ToHaveTextAsync("yes");
        await AppPage.ScreenshotAsync(admin.Page, "admin");
        // alice did not reload: her balance and the bubble follow the refund live.
        await Expect(AppPage.Balance(alice.Page)).ToContainTextAsync(Money.Yuan(4_000 + 1_000 - bobGot));
        await Expect(alice.BubbleLeft(packet)).ToContainTextAsync("Expired");
        await Expect(alice.Notice("cameback", packet)).ToHaveTextAsync(Money.Yuan(1_000 - bobGot) + " of your red packet came back");
    }
}
