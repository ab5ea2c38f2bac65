using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RedPacket.Domain.Persistence;
using StackExchange.Redis;

namespace RedPacket.Domain.Common;

/// <summary>
/// Does the one-time work of the first request while the host starts, before the server takes requests: connects
/// Redis, builds the EF model and opens a first MySQL connection. Done by the first of thousands of concurrent
/// requests instead (an app restarted in the middle of a storm), that work blocks thread-pool threads and the
/// others starve behind it. A dependency that is down only delays this; the app starts anyway and answers 503
/// until it is back.
/// </summary>
internal sealed class StartupWarmup(IServiceProvider services, ILogger<StartupWarmup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        services.GetRequiredService<IConnectionMultiplexer>();
        // Not longer than a few seconds: a MySQL that is down must not hold the app's start.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<RedPacketDb>>().CreateDbContextAsync(bounded.Token);
            _ = db.Model;
            await db.Database.OpenConnectionAsync(bounded.Token);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(e, "MySQL is not answering at start-up; requests that need it answer 503 until it is back");
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
