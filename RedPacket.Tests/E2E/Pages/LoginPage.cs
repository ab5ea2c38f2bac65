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
        try
        {
            // The form posts to /account/login, which redirects; "committed" is enough, the circuit marker is awaited next.
            await page.WaitForURLAsync(url => !url.Contains("/login"), new() { WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"Signing in as {user} stayed at {page.Url}: {await page.InnerTextAsync("body")}", e);
        }
        await AppPage.WaitInteractiveAsync(page);
    }
}
