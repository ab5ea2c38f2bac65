using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Refunds;
using RedPacket.Tests.Support;
using RedPacket.Web.Refunds;

namespace RedPacket.Tests.Integration.Refunds;

/// <summary>The domain plus the Quartz scheduler of the web host, with its refund job.</summary>
public class SchedulerFixture : DomainFixture
{
    public JobCompletions Completions { get; } = new();

    protected virtual bool Clustered => false;

    protected override void Configure(HostApplicationBuilder builder)
    {
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RedPacket:Refunds:Interval"] = "00:05:00",
            ["RedPacket:Refunds:ClusteredStore"] = Clustered.ToString(),
        });
        builder.AddRefundJob();
        builder.Services.AddSingleton(Completions);
    }
}

/// <summary>Tells a test when a job run finished, so it waits for the outcome, not for a time.</summary>
public sealed class JobCompletions : IJobListener
{
    private readonly TaskCompletionSource<IJobExecutionContext> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => nameof(JobCompletions);
    public Task<IJobExecutionContext> Next => _done.Task;

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => default;
    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => default;
    public ValueTask JobProgressChanged(IJobExecutionContext context, Quartz.Extensibility.FireInstanceProgress progress,
        CancellationToken cancellationToken = default) => default;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        // Only runs a test asked for, not the scheduled ones.
        if (context.Trigger.Key.Equals(RefundScheduling.ScheduledTriggerKey)) return default;
        if (jobException is null) _done.TrySetResult(context); else _done.TrySetException(jobException);
        return default;
    }
}

/// <summary>The same, with Quartz's clustered job store in MySQL (several web nodes).</summary>
public sealed class ClusteredSchedulerFixture : SchedulerFixture
{
    protected override bool Clustered => true;
}

public sealed class RefundJobTests(SchedulerFixture fixture) : RefundJobScenario<SchedulerFixture>(fixture), IClassFixture<SchedulerFixture>;

public sealed class ClusteredRefundJobTests(ClusteredSchedulerFixture fixture)
    : RefundJobScenario<ClusteredSchedulerFixture>(fixture), IClassFixture<ClusteredSchedulerFixture>
{
    [Fact]
    public async Task ClusteredStore_Started_KeepsTheJobInMySql()
    {
        await Fixture.StartHostAsync();
        var jobs = await Driver.ReadAsync(db => db.Database.SqlQuery<string>(
            $"SELECT JOB_NAME AS Value FROM QRTZ_JOB_DETAILS").ToListAsync());
        Assert.Contains(RefundJob.Key.Name, jobs);
    }
}

public abstract class RefundJobScenario<TFixture>(TFixture fixture) : IntegrationTest<TFixture>(fixture) where TFixture : SchedulerFixture
{
    [Fact]
    public async Task RefundJob_Triggered_RefundsExpiredPacketsAndIsScheduledEveryFiveMinutes()
    {
        await Fixture.StartHostAsync();
        var scheduler = await Fixture.Get<ISchedulerFactory>().GetScheduler();
        scheduler.ListenerManager.AddJobListener(Fixture.Completions, [Matchers.Key(RefundJob.Key)]);
        var alice = await Driver.UserAsync("alice", 700);
        var group = await Driver.GroupAsync(alice);
        var packet = await Driver.SendAsync(alice, group, 700, 7);
        Fixture.Clock.Advance(TimeSpan.FromHours(24));

        await scheduler.TriggerJob(RefundJob.Key);
        var run = await Fixture.Completions.Next.WaitAsync(TimeSpan.FromSeconds(30));

        var summary = Assert.IsType<RefundRunSummary>(run.Result);
        Assert.Equal(1, summary.Refunded);
        Assert.Equal(700, await Driver.BalanceAsync(alice));
        Assert.Equal(PacketStatus.Refunded, (await Driver.PacketAsync(packet.PacketId)).Status);
        var trigger = Assert.IsAssignableFrom<ISimpleTrigger>(await scheduler.GetTrigger(RefundScheduling.ScheduledTriggerKey));
        Assert.Equal(TimeSpan.FromMinutes(5), trigger.RepeatInterval);
        Assert.True(Attribute.IsDefined(typeof(RefundJob), typeof(DisallowConcurrentExecutionAttribute)));
    }
}
