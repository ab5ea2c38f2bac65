using System.Globalization;
using Microsoft.Playwright;

namespace RedPacket.Tests.E2E.Pages;

/// <summary>A group chat: its bubbles, the send dialog and the open dialog.</summary>
public sealed class ChatPage(IPage page)
{
    public IPage Page => page;

    public async Task OpenGroupAsync(string name)
    {
        await AppPage.GoAsync(page, "/");
        await page.GetByText(name, new() { Exact = true }).ClickAsync();
        await page.Locator("[data-testid=chat]").WaitForAsync();
        await AppPage.WaitInteractiveAsync(page);
    }

    public Task GoAsync(long groupId) => AppPage.GoAsync(page, $"/groups/{groupId}");

    public async Task OpenSendDialogAsync()
    {
        await page.ClickAsync("[data-testid=send-packet]");
        await page.Locator("[data-testid=send-balance]").WaitForAsync();
    }

    /// <summary>Fills the send form. <paramref name="yuan"/> is the total: for a normal (fixed) packet, whose form asks the
    /// amount each, it is divided by the count (tests pick totals that divide evenly).</summary>
    public async Task FillSendAsync(string yuan, int count, bool fixedSplit = false, string? greeting = null)
    {
        if (fixedSplit) await page.Locator("[data-testid=kind-fixed]").ClickAsync();
        var amount = fixedSplit
            ? (decimal.Parse(yuan, CultureInfo.InvariantCulture) / count).ToString("0.##", CultureInfo.InvariantCulture)
            : yuan;
        await page.FillAsync("input[data-testid=amount]", amount);
        await page.FillAsync("input[data-testid=count]", count.ToString(CultureInfo.InvariantCulture));
        if (greeting is not null) await page.FillAsync("input[data-testid=greeting]", greeting);
    }

    /// <summary>The demo users' payment PIN (the demo seeder sets it).</summary>
    public const string DemoPin = "135790";

    /// <summary>Presses Send, then types the PIN and confirms on the confirmation step (which does not come when the form refuses).</summary>
    public async Task SubmitSendAsync(string pin = DemoPin)
    {
        await page.ClickAsync("[data-testid=send-submit]");
        var confirm = page.Locator("[data-testid=send-confirm-submit]");
        await confirm.Or(SendError).First.WaitForAsync();
        if (!await confirm.IsVisibleAsync()) return;
        await page.Locator("input[data-testid=pin-input]").PressSequentiallyAsync(pin);
        await confirm.ClickAsync();
    }

    public ILocator SendError => page.Locator(".mud-dialog .mud-input-error, [data-testid=send-error]");

    public ILocator Bubbles => page.Locator("[data-testid^=bubble-left-]");

    public ILocator BubbleLeft(long packetId) => page.Locator($"[data-testid=bubble-left-{packetId}]");

    /// <summary>The id of the newest packet bubble in the chat.</summary>
    public async Task<long> NewestPacketIdAsync()
    {
        var testId = await page.Locator("[data-testid^=bubble-left-]").Last.GetAttributeAsync("data-testid");
        return long.Parse(testId!["bubble-left-".Length..]);
    }

    /// <summary>Taps a bubble, presses "Open" if it can be opened, and answers what the dialog says.</summary>
    public async Task<string> GrabAsync(long packetId)
    {
        await page.ClickAsync($"[data-testid=bubble-{packetId}]");
        var open = page.Locator("[data-testid=open-packet]");
        var result = page.Locator("[data-testid=grab-result]");
        await open.Or(result).First.WaitForAsync();
        if (await open.IsVisibleAsync()) await open.ClickAsync();
        await result.WaitForAsync();
        return (await result.TextContentAsync())!.Trim();
    }

    /// <summary>A notice line only the sender sees: kind is "opened", "fullytaken" or "cameback".</summary>
    public ILocator Notice(string kind, long packetId) => page.Locator($"[data-testid=notice-{kind}-{packetId}] > span:not([aria-hidden])");

    public ILocator Timeline => page.Locator("[data-testid=chat]");

    public ILocator Composer => page.Locator(".rp-composer");

    public ILocator Bubble(long packetId) => page.Locator($"[data-testid=bubble-{packetId}]");

    public ILocator Envelope => page.Locator("[data-testid=envelope]");

    public ILocator GrabResult => page.Locator("[data-testid=grab-result]");

    public ILocator Summary => page.Locator("[data-testid=detail-summary]");

    public async Task CloseDialogAsync()
    {
        await page.Locator(".mud-dialog .mud-button-close").ClickAsync();
        await page.Locator(".mud-dialog").WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }
}
