using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Redis;
using StackExchange.Redis;

namespace RedPacket.Domain.Packets.Reconciling;

/// <summary>
/// Runs the <see cref="ClaimReconciler"/> every <see cref="ReconcilerOptions.Interval"/> on the app's clock. Every
/// node runs the service; a short Redis lock lets one of them do a round (a second one would only find nothing).
/// </summary>
public sealed class ReconcilerService(
    ClaimReconciler reconciler,
    IConnectionMultiplexer redis,
    IOptions<ReconcilerOptions> options,
    IOptions<RedisOptions> redisOptions,
    TimeProvider clock,
    ILogger<ReconcilerService> log) : BackgroundService
{
    private readonly string _token = Guid.NewGuid().ToString("N");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        var lockKey = (RedisKey)(redisOptions.Value.KeyPrefix + "rp:reconciler");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.Interval, clock, stoppingToken);
                var db = redis.GetDatabase();
                if (!await db.LockTakeAsync(lockKey, _token, options.Value.Interval)) continue;
                try
                {
                    await reconciler.RunOnceAsync(stoppingToken);
                }
                finally
                {
                    await db.LockReleaseAsync(lockKey, _token);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Redis or MySQL down: the next round tries again.
                log.LogWarning(e, "Reconciler round failed; trying again in {Interval}", options.Value.Interval);
            }
        }
    }
}
