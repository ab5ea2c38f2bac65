using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace RedPacket.Tests.Cluster.Nginx;

/// <summary>
/// The deployment that scripts/cluster.sh runs (3 web nodes behind nginx, Redis Cluster, MariaDB with a replica),
/// reached from outside as a user would. Only scripts/cluster-check.sh runs these tests: it starts the cluster and sets
/// RP_CLUSTER_NODE_A / RP_CLUSTER_NODE_B (two web nodes' own addresses) and RP_CLUSTER_URL (nginx).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string Password = "redpacket1";

    public string NodeA { get; } = Required("RP_CLUSTER_NODE_A");
    public string NodeB { get; } = Required("RP_CLUSTER_NODE_B");
    public string Balancer { get; } = Required("RP_CLUSTER_URL");
    public IBrowser Browser { get; private set; } = default!;
    private IPlaywright? _playwright;

    private static string Required(string name) => Environment.GetEnvironmentVariable(name)
        ?? throw new InvalidOperationException($"{name} is not set: the cluster tests run through scripts/cluster-check.sh");

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Assertions.SetDefaultExpectTimeout(30_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("RP_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic"],
        });
    }

    public async Task<IPage> SignInAsync(string baseUrl, string user)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = baseUrl, Locale = "en-US" });
        context.SetDefaultTimeout(45_000);
        var page = await context.NewPageAsync();
        await new E2E.Pages.LoginPage(page).SignInAsync(user, Password);
        return page;
    }

    /// <summary>An API client of one node, signed in with a bearer token.</summary>
    public async Task<HttpClient> ApiAsync(string baseUrl, string user)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var token = await (await http.PostAsJsonAsync("/api/auth/token", new { userName = user, password = Password }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return http;
    }

    /// <summary>The node nginx sends this page's requests to (its cookie pins it): nginx names it in X-RP-Upstream.</summary>
    public async Task<string> NodeServingAsync(IPage page)
    {
        var answer = await page.APIRequest.GetAsync(Balancer + "/health/live");
        var upstream = answer.Headers["x-rp-upstream"];
        return "http://" + upstream.Split(',')[^1].Trim();
    }

    /// <summary>Kills a web node of the cluster (SIGKILL, by the PID file scripts/cluster.sh keeps in RP_CLUSTER_DIR);
    /// the cluster check starts it again afterwards.</summary>
    public void KillNode(string node)
    {
        var port = new Uri(node).Port;
        var pidFile = Path.Combine(Required("RP_CLUSTER_DIR"), $"web-{port}.pid");
        using var process = System.Diagnostics.Process.GetProcessById(int.Parse(File.ReadAllText(pidFile).Trim()));
        process.Kill();
        process.WaitForExit(10_000);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
