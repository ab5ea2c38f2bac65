using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using RedPacket.Domain.Audit;
using RedPacket.Tests.Support;
using RedPacket.Tests.Web;
using StackExchange.Redis;

namespace RedPacket.Tests.E2E;

/// <summary>
/// The whole app on a real Kestrel port on loopback, with the demo users seeded, a clock the test moves,
/// and Debian's Chromium driven by Playwright. One per test class.
/// </summary>
public sealed class BrowserAppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string DemoPassword = "redpacket1";
    public const string AdminPassword = "admin12345";

    public string Database { get; } = TestServers.UniqueName("rp_e");
    public string KeyPrefix { get; } = TestServers.UniqueName("e") + ":";
    public ShiftableClock Clock { get; } = new();
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;
    private IPlaywright? _playwright;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the framework's and MudBlazor's files are served only from a publish folder
        // unless static web assets are switched on (docs/ARCHITECTURE.md §12, test-host notes).
        builder.UseStaticWebAssets();
        var settings = WebAppFixture.TestSettings(Database, KeyPrefix);
        settings["RedPacket:Demo:Enabled"] = "true";
        settings["RedPacket:Demo:StartingBalanceCents"] = "5000";
        settings["Logging:LogLevel:Default"] = "Warning";
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            // Circuits outlive the closed browser (kept for reconnection) with their hub connections open;
            // the test host need not wait the default 30 s for them to drain.
            services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        });
    }

    public async Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::1]", "127.0.0.1");
        _playwright = await Playwright.CreateAsync();
        Assertions.SetDefaultExpectTimeout(20_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("RP_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh browser context (own cookies) signed in as <paramref name="user"/>, on the groups page. The
    /// browser's language is <paramref name="locale"/> (its Accept-Language picks the app's culture); <paramref name="dark"/>,
    /// when given, is the theme the user chose with the switch (its cookie), for the pages opened next.</summary>
    public async Task<IPage> SignInAsync(string user, string? password = null, int width = 1100, int height = 900, string locale = "en-US",
        bool? dark = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, ViewportSize = new() { Width = width, Height = height }, Locale = locale,
        });
        // Generous: two cores run the app, the database and several Chromium tabs at once.
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(30_000);
        var page = await context.NewPageAsync();
        await new Pages.LoginPage(page).SignInAsync(user, password ?? (user == "admin" ? AdminPassword : DemoPassword));
        if (dark is { } chosen)
            await context.AddCookiesAsync([new Cookie { Name = RedPacket.Web.Components.Layout.UiPreferences.DarkCookie, Value = chosen ? "1" : "0", Url = BaseUrl }]);
        return page;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task<AuditReport> AuditAsync() => await Get<BookAudit>().RunAsync();

    public new async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await TestServers.DeleteRedisKeysAsync(Services.GetRequiredService<IConnectionMultiplexer>(), 0, KeyPrefix);
        await base.DisposeAsync();
        await TestServers.DropDatabaseAsync(Database);
    }
}
