using Microsoft.Playwright;

namespace RedPacket.Tests.E2E.Pages;

public sealed class LoginPage(IPage page)
{
    public async Task SignInAsync(string user, string password)
    {
        await page.GotoAsync("/login");
        await SubmitAsync(user, password);
    }

    /// <summary>Signs in on the sign-in page the browser is already on (sent there with a return URL, say).</summary>
    public async Task SubmitAsync(string user, string password)
    {
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        try
        {
            // The form posts to /account/login, which redirects; "committed" is enough, the circuit marker is awaited next.
            // A minute: on two cores busy with axe scans and other browsers, the password check can take half of one.
            await page.WaitForURLAsync(url => !url.Contains("/login"), new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"Signing in as {user} stayed at {page.Url}: {await page.InnerTextAsync("body")}", e);
        }
        await AppPage.WaitInteractiveAsync(page);
    }
}
