using Quartz;
using RedPacket.Domain.Refunds;

namespace RedPacket.Web.Refunds;

/// <summary>
/// Refunds expired packets. Quartz keeps two runs of this job from overlapping on one node; the
/// refund itself is idempotent in SQL, so overlap across nodes or after a misfire is harmless too.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RefundJob(RefundRunner runner) : IJob
{
    public static readonly JobKey Key = new("refund-expired-packets", "refunds");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var summary = await runner.RunOnceAsync(cancellationToken);
        context.Result = summary;
    }
}
