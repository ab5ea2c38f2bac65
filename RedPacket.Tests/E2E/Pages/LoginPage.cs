using Microsoft.Playwright;

namespace RedPacket.Tests.E2E.Pages;

public sealed class LoginPage(IPage page)
{
    public async Task SignInAsync(string user, string password)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => !url.Contains("/login"));
        await AppPage.WaitInteractiveAsync(page);
    }
}
