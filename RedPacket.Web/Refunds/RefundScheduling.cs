using Quartz;
using RedPacket.Domain.Refunds;

namespace RedPacket.Web.Refunds;

public static class RefundScheduling
{
    public static readonly TriggerKey ScheduledTriggerKey = new("refund-every-interval", "refunds");
    public static readonly TriggerKey TransferTriggerKey = new("transfer-return-every-interval", "refunds");

    /// <summary>
    /// The refund job, and the job that returns transfers nobody accepted in time, every <c>RedPacket:Refunds:Interval</c>
    /// (5 minutes by default).
    /// <c>RedPacket:Refunds:Schedule=false</c> keeps the job registered (admins can still run it) but never fires it;
    /// <c>RedPacket:Refunds:ClusteredStore=true</c> keeps Quartz's state in MySQL, clustered across web nodes.
    /// </summary>
    public static IHostApplicationBuilder AddRefundJob(this IHostApplicationBuilder builder)
    {
        // Read now: they decide what is registered.
        var options = builder.Configuration.GetSection("RedPacket:Refunds").Get<RefundOptions>() ?? new RefundOptions();
        var (scheduled, clustered) = (options.Schedule, options.ClusteredStore);
        var mysql = builder.Configuration.GetConnectionString("MySql");
        builder.Services.AddQuartz(q =>
        {
            if (clustered)
            {
                // Several web nodes: the job store lives in MySQL (QRTZ_ tables, created when missing) and
                // each firing runs on one node. A node that dies holding the next firing is written off, and the
                // firing recovered by another node, after CheckinInterval + CheckinMisfireThreshold.
                q.ConfigureScheduler(o =>
                {
                    o.InstanceName = "redpacket";
                    if (string.IsNullOrWhiteSpace(options.InstanceId)) o.GenerateInstanceId = true;
                    else o.InstanceId = options.InstanceId;
                });
                q.UsePersistentStore(s =>
                {
                    s.UseMySqlConnector(mysql!);
                    s.ProvisionSchema();
                    s.UseClustering(c =>
                    {
                        c.CheckinInterval = options.CheckinInterval;
                        c.CheckinMisfireThreshold = options.CheckinMisfireThreshold;
                    });
                });
            }
            q.AddJob<RefundJob>(j => j.WithIdentity(RefundJob.Key).StoreDurably());
            q.AddJob<TransferReturnJob>(j => j.WithIdentity(TransferReturnJob.Key).StoreDurably());
            if (scheduled)
                foreach (var (job, trigger) in new[] { (RefundJob.Key, ScheduledTriggerKey), (TransferReturnJob.Key, TransferTriggerKey) })
                    q.AddTrigger((sp, t) => t.ForJob(job).WithIdentity(trigger)
                        // The first run one interval after start-up, on the app's clock (which Quartz uses too).
                        .StartAt(sp.GetRequiredService<TimeProvider>().GetUtcNow() + options.Interval)
                        .WithSimpleSchedule(s => s.WithInterval(options.Interval).RepeatForever()
                            .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }
}
