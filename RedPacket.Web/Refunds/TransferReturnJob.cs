using Quartz;
using RedPacket.Domain.Transfers;

namespace RedPacket.Web.Refunds;

/// <summary>
/// Returns transfers nobody accepted in time to their senders. It runs beside the refund job, on its schedule; each
/// return is conditional under the transfer's row lock, so overlapping runs (or a run racing an accept) return each
/// transfer once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class TransferReturnJob(TransferService transfers) : IJob
{
    public static readonly JobKey Key = new("return-expired-transfers", "refunds");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = await transfers.ReturnExpiredAsync(cancellationToken);
}
