using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using RedPacket.Domain;
using RedPacket.Domain.Persistence;
using StackExchange.Redis;

namespace RedPacket.Tests.Integration.Infrastructure;

/// <summary>
/// The domain wired to the real MariaDB and Redis, with a database and a Redis key prefix of its
/// own (so test classes run in parallel), a clock the test moves, and a fault injector.
/// One per test class.
/// </summary>
public class DomainFixture : ITestApp, IAsyncLifetime
{
    public string Database { get; } = TestServers.UniqueName("rp_t");
    public string KeyPrefix { get; } = TestServers.UniqueName("t") + ":";
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    public FaultInjector Faults { get; } = new();
    public IServiceProvider Services => _host!.Services;

    /// <summary>Redis database number; a class that flushes Redis gets one to itself.</summary>
    protected virtual int RedisDatabase => 0;

    /// <summary>Extra StackExchange.Redis options (a class that flushes needs admin mode).</summary>
    protected virtual string RedisOptions => "";

    private IHost? _host;

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
            ["ConnectionStrings:Redis"] = $"{TestServers.Redis},defaultDatabase={RedisDatabase}{RedisOptions}",
            ["RedPacket:Redis:KeyPrefix"] = KeyPrefix,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Services.AddSingleton<IInterceptor>(Faults);
        builder.AddRedPacketDomain();
        Configure(builder);
        // Last, so that no library's own TimeProvider registration (Quartz adds one) wins over the test clock.
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        _host = builder.Build();
        await Get<DatabaseMigrator>().MigrateAsync();
        await using var db = await Get<Microsoft.EntityFrameworkCore.IDbContextFactory<RedPacketDb>>().CreateDbContextAsync();
        await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, FaultInjector.FailProcedure);
    }

    public async Task DisposeAsync()
    {
        if (_host is null) return;
        await _host.StopAsync();
        await TestServers.DeleteRedisKeysAsync(Get<IConnectionMultiplexer>(), RedisDatabase, KeyPrefix);
        _host.Dispose();
        await TestServers.DropDatabaseAsync(Database);
    }
}
