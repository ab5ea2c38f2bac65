using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using RedPacket.Domain;
using RedPacket.Domain.Persistence;
using StackExchange.Redis;

namespace RedPacket.Tests.Support;

/// <summary>
/// The domain wired to the real MariaDB and Redis, with a database and a Redis key prefix of its
/// own (so test classes run in parallel), a clock the test moves, and a fault injector.
/// One per test class.
/// </summary>
public class DomainFixture : ITestApp, IAsyncLifetime, IAsyncDisposable
{
    public DomainFixture() : this(null) { }

    /// <summary>Another node on <paramref name="storageOf"/>'s database and Redis keys (which it leaves alone at the end).</summary>
    protected DomainFixture(DomainFixture? storageOf)
    {
        Database = storageOf?.Database ?? TestServers.UniqueName("rp_t");
        KeyPrefix = storageOf?.KeyPrefix ?? TestServers.UniqueName("t") + ":";
        _ownsStorage = storageOf is null;
    }

    /// <summary>A second app on the same MySQL database and Redis keys, as another web node would be.</summary>
    public async Task<DomainFixture> StartSecondNodeAsync()
    {
        var node = new DomainFixture(this);
        await node.InitializeAsync();
        return node;
    }

    private readonly bool _ownsStorage;
    public string Database { get; }
    public string KeyPrefix { get; }
    /// <summary>The app's clock: the real now (plus <see cref="TestClock.Shift"/> and <see cref="ClockSkew"/>), moved by the test.</summary>
    public FakeTimeProvider Clock => _clock ??= TestClock.NewFake(ClockSkew);
    private FakeTimeProvider? _clock;

    /// <summary>How far this app's clock is from the servers' (and the rest of the suite's), beyond the run's shift.</summary>
    protected virtual TimeSpan ClockSkew => TimeSpan.Zero;
    public FaultInjector Faults { get; } = new();
    public IServiceProvider Services => _host!.Services;

    /// <summary>Where Redis is (a test may put a <see cref="TcpProxy"/> in between).</summary>
    protected virtual string RedisEndpoint => TestServers.Redis;

    /// <summary>Redis database number; a class that flushes Redis gets one to itself.</summary>
    protected virtual int RedisDatabase => 0;

    /// <summary>Extra StackExchange.Redis options (a class that flushes needs admin mode).</summary>
    protected virtual string RedisOptions => "";

    private IHost? _host;

    /// <summary>More configuration, read when the domain registers (e.g. a read replica's connection string).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    /// <summary>More services for a fixture that tests them (e.g. the Quartz job).</summary>
    protected virtual void Configure(HostApplicationBuilder builder) { }

    /// <summary>Starts the hosted services (schedulers) after the database is ready.</summary>
    public Task StartHostAsync() => _host!.StartAsync();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public IDatabase Redis => Get<IConnectionMultiplexer>().GetDatabase(RedisDatabase);

    /// <summary>FLUSHDB on this fixture's Redis database: everything Redis knew is gone.</summary>
    public Task FlushRedisAsync() => Get<IConnectionMultiplexer>().GetServers()[0].FlushDatabaseAsync(RedisDatabase);

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:MySql"] = TestServers.MySqlDatabase(Database),
            ["ConnectionStrings:Redis"] = $"{RedisEndpoint},defaultDatabase={RedisDatabase}{RedisOptions}",
            ["RedPacket:Redis:KeyPrefix"] = KeyPrefix,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.Services.AddSingleton<IInterceptor>(Faults);
        builder.AddRedPacketDomain();
        Configure(builder);
        // Last, so that no library's own TimeProvider registration (Quartz adds one) wins over the test clock.
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        _host = builder.Build();
        // Connected now, not by the first of a test's thousand concurrent grabs (the host is not started here).
        Get<IConnectionMultiplexer>();
        if (!_ownsStorage) return;
        await Get<DatabaseMigrator>().MigrateAsync();
        await using var db = await Get<Microsoft.EntityFrameworkCore.IDbContextFactory<RedPacketDb>>().CreateDbContextAsync();
        await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, FaultInjector.FailProcedure);
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public async Task DisposeAsync()
    {
        if (_host is null) return;
        await _host.StopAsync();
        if (_ownsStorage) await TestServers.DeleteRedisKeysAsync(Get<IConnectionMultiplexer>(), RedisDatabase, KeyPrefix);
        _host.Dispose();
        if (_ownsStorage) await TestServers.DropDatabaseAsync(Database);
    }
}
