using Microsoft.Playwright;

namespace RedPacket.Tests.E2E.Pages;

public sealed class AdminPage(IPage page)
{
    public IPage Page => page;

    public async Task OpenAsync()
    {
        await AppPage.GoAsync(page, "/admin");
        await page.Locator("[data-testid=admin-title]").WaitForAsync();
    }

    public async Task RunRefundJobAsync()
    {
        await page.ClickAsync("[data-testid=run-refunds]");
        await page.Locator("[data-testid=run-summary]").WaitForAsync();
    }

    public ILocator RunSummary => page.Locator("[data-testid=run-summary]");

    public ILocator RefundedPackets => page.Locator("[data-testid=refund-packet]");

    public ILocator Consistent => page.Locator("[data-testid=audit-consistent]");

    /// <summary>The refund history row of a packet.</summary>
    public ILocator RefundRow(long packetId) =>
        page.Locator("[data-testid=refund-rows] tr").Filter(new() { Has = PacketLink(packetId) });

    public ILocator PacketLink(long packetId) =>
        page.Locator("a[data-testid=refund-packet]").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{packetId}$") });
}
