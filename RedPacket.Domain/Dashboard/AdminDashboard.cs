using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Accounts.Limits;
using RedPacket.Domain.Groups;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Persistence;
using RedPacket.Domain.Refunds;

namespace RedPacket.Domain.Dashboard;

/// <summary>Today in the service's zone: packets sent, the money in them, and how many of their shares were taken.</summary>
public sealed record TodayFigures(int Packets, long SentCents, long Grabs);

public sealed record RefundDay(DateOnly Day, int Refunds, long RefundedCents);

public sealed record BusyGroup(long GroupId, string Name, int Packets, long Grabs);

/// <summary>
/// What the admin dashboard shows from the database: today's packets (by <c>red_packets.CreatedAt</c>, indexed), refunds
/// per day, and the busiest groups. "Today" and the days are in <see cref="LimitOptions.DayTimeZone"/>, as for the daily
/// limits. A packet's grabs are counted on the packet (shares minus those left), so no query walks the shares.
/// </summary>
public sealed class AdminDashboard(ReplicaDbContextFactory contexts, IOptions<LimitOptions> limits, TimeProvider clock)
{
    public async Task<TodayFigures> TodayAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var since = DayStart(0);
        var today = await db.Set<Packet>().Where(p => p.CreatedAt >= since).GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Cents = g.Sum(p => p.TotalCents), Grabs = g.Sum(p => (long)(p.ShareCount - p.RemainingCount)) })
            .SingleOrDefaultAsync(ct);
        return new TodayFigures(today?.Count ?? 0, today?.Cents ?? 0, today?.Grabs ?? 0);
    }

    /// <summary>The last <paramref name="days"/> days, oldest first, today included; a day without refunds is a zero.</summary>
    public async Task<IReadOnlyList<RefundDay>> RefundsPerDayAsync(int days = 30, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var since = DayStart(days - 1);
        var rows = await db.Set<Refund>().AsNoTracking().Where(r => r.CreatedAt >= since && r.Outcome == RefundOutcome.Succeeded)
            .Select(r => new { r.CreatedAt, r.AmountCents }).ToListAsync(ct);
        var byDay = rows.GroupBy(r => DateOnly.FromDateTime(limits.Value.DayOf(r.CreatedAt)))
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Cents: g.Sum(r => r.AmountCents)));
        var first = DateOnly.FromDateTime(limits.Value.DayOf(since));
        return Enumerable.Range(0, days).Select(i => first.AddDays(i))
            .Select(d => byDay.TryGetValue(d, out var f) ? new RefundDay(d, f.Count, f.Cents) : new RefundDay(d, 0, 0)).ToList();
    }

    /// <summary>The groups that sent the most packets today, with their shares taken.</summary>
    public async Task<IReadOnlyList<BusyGroup>> BusiestGroupsAsync(int take = 5, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var since = DayStart(0);
        var busiest = await db.Set<Packet>().Where(p => p.CreatedAt >= since).GroupBy(p => p.GroupId)
            .Select(g => new { GroupId = g.Key, Packets = g.Count(), Grabs = g.Sum(p => (long)(p.ShareCount - p.RemainingCount)) })
            .OrderByDescending(g => g.Packets).ThenByDescending(g => g.Grabs).ThenBy(g => g.GroupId).Take(take).ToListAsync(ct);
        var ids = busiest.Select(b => b.GroupId).ToList();
        var names = await db.Set<Group>().Where(g => ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        return busiest.Select(b => new BusyGroup(b.GroupId, names.GetValueOrDefault(b.GroupId, ""), b.Packets, b.Grabs)).ToList();
    }

    /// <summary>Midnight <paramref name="daysAgo"/> days before today, in the service's zone, as an instant.</summary>
    private DateTimeOffset DayStart(int daysAgo) => limits.Value.StartOf(limits.Value.DayOf(clock.GetUtcNow()).AddDays(-daysAgo));
}
