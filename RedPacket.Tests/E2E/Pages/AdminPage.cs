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
}
