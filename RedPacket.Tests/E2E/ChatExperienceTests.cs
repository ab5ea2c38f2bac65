using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RedPacket.Domain.Chat;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Sending;
using RedPacket.Tests.E2E.Pages;
using RedPacket.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace RedPacket.Tests.E2E;

/// <summary>The chat as a person meets it, in 中文 and in English: the envelope, the opened view, the notices a sender
/// gets, exclusive packets, the keyboard, the scrolling, and the screenshots in the README.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class ChatExperienceTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        var audit = await app.AuditAsync();
        Assert.True(audit.Consistent, string.Join(" | ", audit.Problems));
    }

    private async Task<string> UserIdAsync(string name)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(name))!.Id;
    }

    private static string StripCode(string link) => link[..(link.LastIndexOf('/') + 1)];

    private static long GroupIdOf(IPage page) => long.Parse(page.Url.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1]);

    [Fact]
    public async Task LuckyPacket_Chinese_KeyboardEnvelopeOpenedViewNoticesAndTheCrownOnceFinished()
    {
        var alice = new ChatPage(await app.SignInAsync("alice", locale: "zh-CN"));
        var bob = new ChatPage(await app.SignInAsync("bob", locale: "zh-CN"));
        await alice.OpenGroupAsync("Family");
        await bob.OpenGroupAsync("Family");

        // The composer sits at the bottom of the screen, and the messages fill what is above it.
        var viewport = alice.Page.ViewportSize!;
        var composer = (await alice.Composer.BoundingBoxAsync())!;
        Assert.InRange(viewport.Height - (composer.Y + composer.Height), 0, 48);
        Assert.True((await alice.Timeline.BoundingBoxAsync())!.Height > viewport.Height / 2);

        var bubblesBefore = await bob.Bubbles.CountAsync();
        await alice.OpenSendDialogAsync();
        await alice.FillSendAsync("3.00", 2, greeting: "恭喜发财");
        await alice.SubmitSendAsync();
        await Expect(bob.Bubbles).ToHaveCountAsync(bubblesBefore + 1);
        var packet = await bob.NewestPacketIdAsync();
        await Expect(bob.BubbleLeft(packet)).ToHaveTextAsync("剩余2/2个");
        await Expect(bob.Bubble(packet)).ToContainTextAsync("红包");

        // bob reaches the bubble with the keyboard: Enter opens the envelope, Space presses 開.
        await bob.Bubble(packet).FocusAsync();
        await bob.Page.Keyboard.PressAsync("Enter");
        await Expect(bob.Envelope).ToContainTextAsync("alice发出的红包");
        await Expect(bob.Envelope).ToContainTextAsync("恭喜发财");
        await AppPage.ScreenshotAsync(bob.Page, "envelope-zh");
        await bob.Page.Locator("[data-testid=open-packet]").FocusAsync();
        await Expect(bob.Page.Locator("[data-testid=open-packet]")).ToHaveTextAsync("開");
        await bob.Page.Keyboard.PressAsync("Space");
        await Expect(bob.GrabResult).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^你领到 ¥\d+\.\d\d$"));
        await Expect(bob.Summary).ToContainTextAsync("已领取1/2个，剩余¥");
        await Expect(bob.Page.Locator("[data-testid=luckiest]")).ToHaveCountAsync(0);
        await AppPage.ScreenshotAsync(bob.Page, "opened-packet-zh");

        // alice, the sender, is told live.
        await Expect(alice.Notice("opened", packet)).ToHaveTextAsync("bob领取了你的红包");

        var carol = new ChatPage(await app.SignInAsync("carol", locale: "zh-CN"));
        await carol.GoAsync(GroupIdOf(alice.Page));
        Assert.StartsWith("你领到", await carol.GrabAsync(packet));
        // The last claim's notice says the packet is all taken, in one line, as WeChat does; nothing else stacks under it.
        await Expect(alice.Notice("opened", packet).Last).ToHaveTextAsync("carol领取了你的红包，你的红包已被领完");
        await Expect(alice.Notice("fullytaken", packet)).ToHaveCountAsync(0);
        // Said once, by the notice line: no toast repeats it over the app bar.
        await Expect(alice.Page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        await Expect(alice.BubbleLeft(packet)).ToContainTextAsync("已被领完");
        await AppPage.ScreenshotAsync(alice.Page, "chat-zh");

        // Finished now: the crown is shown, and the detail page leads back to the chat.
        await bob.Page.ClickAsync("[data-testid=packet-detail-link]");
        await Expect(bob.Page.Locator("[data-testid=luckiest]")).ToHaveCountAsync(1);
        await Expect(bob.Summary).ToContainTextAsync("2个红包共¥3.00，");
        await Expect(bob.Summary).ToContainTextAsync("被抢光");
        await AppPage.ScreenshotAsync(bob.Page, "packet-detail-zh");
        await bob.Page.ClickAsync("[data-testid=back-to-chat]");
        await Expect(bob.Bubble(packet)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ExclusivePacket_English_OthersSeeWhoItIsForAndOnlyTheRecipientOpensIt()
    {
        var carol = new ChatPage(await app.SignInAsync("carol"));
        var dave = new ChatPage(await app.SignInAsync("dave"));
        await carol.OpenGroupAsync("Family");
        await dave.OpenGroupAsync("Family");
        var alice = new ChatPage(await app.SignInAsync("alice"));
        await alice.OpenGroupAsync("Family");
        var bubblesBefore = await carol.Bubbles.CountAsync();

        // The dialog warns when there are more shares than people to take them, then sends an exclusive one to dave.
        await alice.OpenSendDialogAsync();
        await alice.Page.FillAsync("input[data-testid=count]", "9");
        await Expect(alice.Page.Locator("[data-testid=count-warning]")).ToBeVisibleAsync();
        await alice.Page.Locator("[data-testid=kind-exclusive]").ClickAsync();
        await alice.Page.Locator("input[data-testid=recipient-dave]").ClickAsync();
        await alice.Page.FillAsync("input[data-testid=amount]", "5.20");
        await alice.Page.FillAsync("input[data-testid=greeting]", "Just for you");
        await Expect(alice.Page.Locator("[data-testid=send-preview]")).ToContainTextAsync("¥5.20");
        await alice.SubmitSendAsync();
        await Expect(carol.Bubbles).ToHaveCountAsync(bubblesBefore + 1);
        var sent = new { PacketId = await carol.NewestPacketIdAsync() };

        await Expect(carol.Page.Locator($"[data-testid=bubble-for-{sent.PacketId}]")).ToContainTextAsync("for dave only");
        await carol.Bubble(sent.PacketId).ClickAsync();
        await Expect(carol.GrabResult).ToHaveTextAsync("This red packet is for dave only");
        await Expect(carol.Page.Locator("[data-testid=open-packet]")).ToHaveCountAsync(0);
        await carol.CloseDialogAsync();

        Assert.Equal("You got ¥5.20", await dave.GrabAsync(sent.PacketId));
        // dave reads "for you only", not his own name beside a greeting that already says it.
        await Expect(dave.Page.Locator("[data-testid=exclusive-for]")).ToHaveTextAsync("For you only");
        await AppPage.ScreenshotAsync(dave.Page, "opened-exclusive");
    }

    [Fact]
    public async Task Phone_Chinese_ChatAndEnvelopeFitTheScreen()
    {
        var erin = new ChatPage(await app.SignInAsync("erin", width: 390, height: 844, locale: "zh-CN"));
        await erin.OpenGroupAsync("Family");
        var sent = await app.Get<PacketSender>().SendAsync(new SendPacketCommand(await UserIdAsync("bob"), GroupIdOf(erin.Page), 888, 4,
            PacketKind.Lucky, "大吉大利"));

        await Expect(erin.BubbleLeft(sent.PacketId)).ToHaveTextAsync("剩余4/4个");
        await Expect(erin.Page.Locator("[data-testid=send-packet]")).ToBeInViewportAsync();
        await AppPage.ScreenshotAsync(erin.Page, "phone-chat-zh");
        await erin.Bubble(sent.PacketId).ClickAsync();
        await Expect(erin.Page.Locator("[data-testid=open-packet]")).ToBeInViewportAsync();
        await AppPage.ScreenshotAsync(erin.Page, "phone-envelope-zh");
        await erin.Page.ClickAsync("[data-testid=open-packet]");
        await Expect(erin.GrabResult).ToContainTextAsync("你领到");
        await Expect(erin.GrabResult).ToBeInViewportAsync();
        await AppPage.ScreenshotAsync(erin.Page, "phone-opened-packet-zh");
        await erin.CloseDialogAsync();

        // Inviting from the chat on a phone: the link and its QR code, no hover needed.
        await erin.Page.ClickAsync("[data-testid=invite-open]");
        Assert.EndsWith($"/join/{GroupIdOf(erin.Page)}/", StripCode(await erin.Page.Locator("input[data-testid=invite-link]").InputValueAsync()));
        await Expect(erin.Page.Locator("img[data-testid=invite-qr]")).ToBeInViewportAsync();
    }

    [Fact]
    public async Task NewMessages_ReaderScrolledUp_ChipThenFollowsAgain()
    {
        var erin = new ChatPage(await app.SignInAsync("erin", height: 600));
        await erin.OpenGroupAsync("Family");
        var groupId = GroupIdOf(erin.Page);
        var bobId = await UserIdAsync("bob");
        var chat = app.Get<ChatService>();
        for (var i = 0; i < 25; i++) await chat.PostAsync(groupId, bobId, $"line {i}");
        await Expect(erin.Timeline).ToContainTextAsync("line 24");
        // At the bottom, new lines are followed: the newest is in view and no chip shows.
        await Expect(erin.Page.Locator("[data-testid=chat]").GetByText("line 24")).ToBeInViewportAsync();
        await Expect(erin.Page.Locator("[data-testid=new-messages]")).ToHaveCountAsync(0);

        await erin.Timeline.EvaluateAsync("el => el.scrollTop = 0");
        await Expect(erin.Page.Locator("[data-testid=chat]").GetByText("line 24")).Not.ToBeInViewportAsync();
        await chat.PostAsync(groupId, bobId, "are you there?");

        await Expect(erin.Page.Locator("[data-testid=new-messages]")).ToBeVisibleAsync();
        await Expect(erin.Page.Locator("[data-testid=chat]").GetByText("are you there?")).Not.ToBeInViewportAsync();
        await erin.Page.ClickAsync("[data-testid=new-messages]");
        await Expect(erin.Page.Locator("[data-testid=chat]").GetByText("are you there?")).ToBeInViewportAsync();
        await Expect(erin.Page.Locator("[data-testid=new-messages]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task OpeningSpin_ReducedMotion_NoAnimation()
    {
        var page = await app.SignInAsync("dave");
        await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        var chat = new ChatPage(page);
        await chat.OpenGroupAsync("Family");
        var sent = await app.Get<PacketSender>().SendAsync(new SendPacketCommand(await UserIdAsync("erin"), GroupIdOf(page), 100, 1,
            PacketKind.Lucky, "slow down"));
        await chat.Bubble(sent.PacketId).ClickAsync();
        await chat.Envelope.WaitForAsync();

        // The spin runs only while a grab is on its way: put the envelope in that state and ask the browser.
        var animation = await page.EvaluateAsync<string>(
            "() => { const e = document.querySelector('[data-testid=envelope]'); e.classList.add('rp-opening');" +
            " return getComputedStyle(e.querySelector('.rp-open-coin')).animationName; }");
        await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.NoPreference });
        var moving = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.rp-open-coin')).animationName");

        Assert.Equal(("none", "rp-spin"), (animation, moving));
    }
}
