using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RedPacket.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace RedPacket.Tests.E2E;

[Collection(nameof(BrowserCollection))]
public sealed class ChatFlowTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        var audit = await app.AuditAsync();
        Assert.True(audit.Consistent, string.Join(" | ", audit.Problems));
    }

    [Fact]
    public async Task LuckyPacket_FiveUsersInTheirOwnBrowsers_LiveCountsClaimsDetailAndWallets()
    {
        var alice = new ChatPage(await app.SignInAsync("alice"));
        var bob = new ChatPage(await app.SignInAsync("bob"));
        await alice.OpenGroupAsync("Family");
        await bob.OpenGroupAsync("Family");
        var bubblesBefore = await bob.Bubbles.CountAsync();

        await alice.OpenSendDialogAsync();
        await Expect(alice.Page.Locator("[data-testid=send-balance]")).ToHaveTextAsync("Balance: ¥50.00");
        await alice.FillSendAsync("10.00", 3, greeting: "新年快乐");
        await AppPage.ScreenshotAsync(alice.Page, "send-dialog");
        await alice.SubmitSendAsync();

        // bob sees the bubble appear without reloading.
        await Expect(bob.Bubbles).ToHaveCountAsync(bubblesBefore + 1);
        var packet = await bob.NewestPacketIdAsync();
        await Expect(bob.BubbleLeft(packet)).ToHaveTextAsync("3 of 3 left");
        await Expect(AppPage.Balance(alice.Page)).ToContainTextAsync("¥40.00");

        var bobGot = await bob.GrabAsync(packet);
        Assert.Matches(@"^You got ¥\d+\.\d\d$", bobGot);
        await AppPage.ScreenshotAsync(bob.Page, "opened-packet");
        await bob.CloseDialogAsync();
        // alice's bubble falls live.
        await Expect(alice.BubbleLeft(packet)).ToHaveTextAsync("2 of 3 left");
        await AppPage.ScreenshotAsync(alice.Page, "chat");

        var carol = new ChatPage(await app.SignInAsync("carol"));
        var dave = new ChatPage(await app.SignInAsync("dave"));
        var erin = new ChatPage(await app.SignInAsync("erin"));
        await carol.GoAsync(await GroupIdAsync(alice.Page));
        await dave.GoAsync(await GroupIdAsync(alice.Page));
        await erin.GoAsync(await GroupIdAsync(alice.Page));
        var carolGot = await carol.GrabAsync(packet);
        var daveGot = await dave.GrabAsync(packet);
        var erinGot = await erin.GrabAsync(packet);

        Assert.StartsWith("You got", carolGot);
        Assert.StartsWith("You got", daveGot);
        Assert.Equal("Too slow, all gone", erinGot);
        await Expect(alice.BubbleLeft(packet)).ToContainTextAsync("All gone");
        var got = new[] { bobGot, carolGot, daveGot }.Select(Cents).ToList();
        Assert.Equal(1_000, got.Sum());

        // The detail page: three claims summing to ¥10.00, one luckiest.
        await AppPage.GoAsync(alice.Page, $"/packets/{packet}");
        await Expect(alice.Page.Locator("[data-testid=claim-amount]")).ToHaveCountAsync(3);
        await Expect(alice.Page.Locator("[data-testid=detail-summary]")).ToContainTextAsync("3 shares, ¥10.00, all taken in");
        await Expect(alice.Page.Locator("[data-testid=luckiest]")).ToHaveCountAsync(1);
        await AppPage.ScreenshotAsync(alice.Page, "packet-detail");

        // The wallets show the moves.
        await AppPage.GoAsync(bob.Page, "/wallet");
        await Expect(bob.Page.Locator("[data-testid=wallet-balance]")).ToHaveTextAsync(Yuan(5_000 + got[0]));
        await Expect(bob.Page.Locator("[data-testid=ledger-amount]").First).ToHaveTextAsync("+" + Yuan(got[0]));
        await AppPage.GoAsync(alice.Page, "/wallet");
        await Expect(alice.Page.Locator("[data-testid=wallet-balance]")).ToHaveTextAsync("¥40.00");
        await Expect(alice.Page.Locator("[data-testid=ledger-amount]").First).ToHaveTextAsync("-¥10.00");
    }

    private static async Task<long> GroupIdAsync(IPage page) =>
        long.Parse(Regex.Match(page.Url, @"/groups/(\d+)").Groups[1].Value);

    private static long Cents(string youGot) =>
        (long)(decimal.Parse(Regex.Match(youGot, @"¥([\d,]+\.\d\d)").Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture) * 100);

    private static string Yuan(long cents) => RedPacket.Web.Components.Shared.Money.Yuan(cents);
}

/// <summary>Browser tests run one class at a time: two Chromiums at once on 2 cores only make both slow.</summary>
[CollectionDefinition(nameof(BrowserCollection), DisableParallelization = true)]
public sealed class BrowserCollection;
