using Microsoft.Playwright;

namespace RedPacket.Tests.E2E.Pages;

/// <summary>What every page of the app has: the circuit marker and the balance in the app bar.</summary>
public static class AppPage
{
    /// <summary>Waits until the Blazor circuit is up (a click before that would be lost).</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public static ILocator Balance(IPage page) => page.Locator("[data-testid=balance]");

    public static async Task GoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitInteractiveAsync(page);
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new()
        {
            // Finite CSS animations (the opened view rising) are finished first, so no picture is half faded.
            Path = Path.Combine(Screenshots.Folder, name + ".png"), FullPage = true, Animations = ScreenshotAnimations.Disabled,
        });
}

/// <summary>docs/screenshots of the repository (found from the test binary upwards).</summary>
public static class Screenshots
{
    public static string Folder { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RedPacket.sln")))
                return Directory.CreateDirectory(Path.Combine(dir.FullName, "docs", "screenshots")).FullName;
        return Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
    }
}
