using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Accounts;
using RedPacket.Domain.Common;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Refunds;

/// <summary>Filter for the refund history (read from the replica when there is one); dates are inclusive-from, exclusive-to.</summary>
public sealed record RefundFilter(DateTimeOffset? From = null, DateTimeOffset? To = null, RefundOutcome? Outcome = null);

/// <summary>One refund attempt; <see cref="SenderName"/> is joined in the same query (no lookup per row).</summary>
public sealed record RefundRow(long Id, long PacketId, string SenderUserId, string SenderName, long AmountCents, int Shares, int SettledClaims,
    RefundOutcome Outcome, int Attempt, Guid JobRunId, string? Error, DateTimeOffset CreatedAt);

public sealed record RefundHistory(Page<RefundRow> Page, long TotalRefundedCents, long SucceededCount, long FailedCount);

public sealed class RefundQueries(ReplicaDbContextFactory contexts)
{
    /// <summary>These reads come from a replica, so a page showing them says it may be up to a second behind.</summary>
    public bool MayLag => contexts.UsesReplica;

    public async Task<RefundHistory> HistoryAsync(RefundFilter filter, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var q = db.Set<Refund>().AsNoTracking();
        if (filter.From is { } from) q = q.Where(r => r.CreatedAt >= from);
        if (filter.To is { } to) q = q.Where(r => r.CreatedAt < to);
        if (filter.Outcome is { } outcome) q = q.Where(r => r.Outcome == outcome);

        var totals = await q.GroupBy(_ => 1).Select(g => new
        {
            Cents = g.Sum(r => r.Outcome == RefundOutcome.Succeeded ? r.AmountCents : 0),
            Succeeded = g.LongCount(r => r.Outcome == RefundOutcome.Succeeded),
            Failed = g.LongCount(r => r.Outcome == RefundOutcome.Failed),
        }).SingleOrDefaultAsync(ct);
        // A sender always has an account (the packet was paid from it), so an inner join loses no refund.
        var rows = await (from r in q
                          join a in db.Set<Account>() on r.SenderUserId equals a.UserId
                          orderby r.CreatedAt descending, r.Id descending
                          select new RefundRow(r.Id, r.PacketId, r.SenderUserId, a.UserName, r.AmountCents, r.Shares, r.SettledClaims,
                              r.Outcome, r.Attempt, r.JobRunId, r.Error, r.CreatedAt))
            .ToPageAsync(page, ct);
        return new RefundHistory(rows, totals?.Cents ?? 0, totals?.Succeeded ?? 0, totals?.Failed ?? 0);
    }
}
