using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using RedPacket.Tests.Support;
using StackExchange.Redis;

namespace RedPacket.Tests.Web;

/// <summary>
/// The whole web app (Program.cs) on a test server, with its own database and Redis key prefix,
/// a clock the test moves, and a fault injector. Subclasses change settings.
/// </summary>
public class WebAppFixture : WebApplicationFactory<Program>, ITestApp, IAsyncLifetime
{
    public virtual string Database { get; } = TestServers.UniqueName("rp_w");
    public virtual string KeyPrefix { get; } = TestServers.UniqueName("w") + ":";

    /// <summary>Whether this host owns the database and its Redis keys (and so drops them at the end).</summary>
    protected virtual bool OwnsStorage => true;
    /// <summary>The app's clock: the real now (plus <see cref="TestClock.Shift"/> and <see cref="ClockSkew"/>), moved by the test.</summary>
    public FakeTimeProvider Clock => _clock ??= TestClock.NewFake(ClockSkew);
    private FakeTimeProvider? _clock;

    /// <summary>How far this app's clock is from the servers' (and the rest of the suite's), beyond the run's shift.</summary>
    protected virtual TimeSpan ClockSkew => TimeSpan.Zero;
    public FaultInjector Faults { get; } = new();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Settings on top of the test defaults.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    /// <summary>The host environment (Testing; a subclass may run as Bench, say).</summary>
    protected virtual string EnvironmentName => "Testing";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        var settings = TestSettings(Database, KeyPrefix);
        foreach (var (key, value) in Settings) settings[key] = value;
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            services.AddSingleton<IInterceptor>(Faults);
            services.AddTransient<IStartupFilter, TestClientAddress>();
        });
    }

    /// <summary>A client whose requests come from <paramref name="address"/> (see <see cref="TestClientAddress"/>).</summary>
    public HttpClient CreateClientFrom(string address, WebApplicationFactoryClientOptions? options = null)
    {
        var client = CreateClient(options ?? new WebApplicationFactoryClientOptions());
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        return client;
    }

    /// <summary>The settings every test host starts from: its own database and key prefix, no demo, no schedule.</summary>
    public static Dictionary<string, string> TestSettings(string database, string keyPrefix) => new()
    {
        ["ConnectionStrings:MySql"] = TestServers.MySqlDatabase(database),
        ["ConnectionStrings:Redis"] = TestServers.Redis,
        ["RedPacket:Redis:KeyPrefix"] = keyPrefix,
        ["RedPacket:Database:MigrateOnStart"] = "true",
        ["RedPacket:Demo:Enabled"] = "false",
        ["RedPacket:Registration:Enabled"] = "true",
        ["RedPacket:Registration:StartingBalanceCents"] = "10000",
        ["RedPacket:Refunds:Schedule"] = "false",
        ["RedPacket:RateLimits:GrabsPerWindow"] = "1000",
        ["RedPacket:RateLimits:SendsPerWindow"] = "1000",
        // Every test client shares one address (the test server has none); the per-user sign-in budget stays as shipped.
        ["RedPacket:RateLimits:SignInsPerAddressPerWindow"] = "1000000",
        ["RedPacket:RateLimits:RegistrationsPerAddressPerWindow"] = "1000000",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public Task InitializeAsync()
    {
        _ = Server; // starts the host: Program.cs migrates the database
        return Task.CompletedTask;
    }

    public new async Task DisposeAsync()
    {
        if (!OwnsStorage)
        {
            await base.DisposeAsync();
            return;
        }
        await TestServers.DeleteRedisKeysAsync(Services.GetRequiredService<IConnectionMultiplexer>(), 0, KeyPrefix);
        await base.DisposeAsync();
        await TestServers.DropDatabaseAsync(Database);
    }
}
