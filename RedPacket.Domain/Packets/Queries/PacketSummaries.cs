using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Accounts.Limits;
using RedPacket.Domain.Common;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets.Queries;

/// <summary>A year of one user's packets, as WeChat's records page shows it.</summary>
public sealed record PacketYearSummary(int Year, ReceivedSummary Received, SentSummary Sent);

/// <summary>Shares received: how many, how much, and how often the user was the luckiest of a finished packet.</summary>
public sealed record ReceivedSummary(int Count, long TotalCents, int LuckiestCount);

public sealed record SentSummary(int Count, long TotalCents);

/// <summary>
/// Yearly totals of one user's packets. The year is the calendar year in the service's zone
/// (<see cref="LimitOptions.DayTimeZone"/>, the same one the daily limits count in). "Luckiest" follows the packet
/// detail's rule (<see cref="PacketQueries.Luckiest"/>): the largest share of a finished random packet, the first
/// claim winning a tie.
/// </summary>
public sealed class PacketSummaries(ReplicaDbContextFactory contexts, IOptions<LimitOptions> limits, TimeProvider clock)
{
    public const int MinYear = 2000, MaxYear = 9998;

    public int CurrentYear() => limits.Value.DayOf(clock.GetUtcNow()).Year;

    public async Task<PacketYearSummary> YearAsync(string userId, int year, CancellationToken ct = default)
    {
        if (year is < MinYear or > MaxYear)
            throw new DomainException(ErrorCodes.InvalidRequest, $"The year is {MinYear} to {MaxYear}.");
        var (start, end) = YearIn(year, limits.Value.Zone);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);

        var mine = from s in db.Set<PacketShare>()
                   where s.ReceiverUserId == userId && s.Status == ShareStatus.Claimed && s.ClaimedAt >= start && s.ClaimedAt < end
                   select s;
        var received = await mine.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Total = g.Sum(s => s.AmountCents) }).SingleOrDefaultAsync(ct);
        var luckiest = await (from s in mine
                              join p in db.Set<Packet>() on s.PacketId equals p.Id
                              where (p.Kind == PacketKind.Lucky || p.Kind == PacketKind.Password)
                                    && (p.Status == PacketStatus.SoldOut || p.Status == PacketStatus.Refunded || p.ExpiresAt <= now)
                                    && !db.Set<PacketShare>().Any(o => o.PacketId == s.PacketId && o.Status == ShareStatus.Claimed
                                        && (o.AmountCents > s.AmountCents
                                            || (o.AmountCents == s.AmountCents && (o.ClaimedAt < s.ClaimedAt || (o.ClaimedAt == s.ClaimedAt && o.Id < s.Id)))))
                              select s.Id).CountAsync(ct);
        var sent = await db.Set<Packet>().Where(p => p.SenderUserId == userId && p.CreatedAt >= start && p.CreatedAt < end)
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), Total = g.Sum(p => p.TotalCents) }).SingleOrDefaultAsync(ct);

        return new PacketYearSummary(year, new ReceivedSummary(received?.Count ?? 0, received?.Total ?? 0, luckiest),
            new SentSummary(sent?.Count ?? 0, sent?.Total ?? 0));
    }

    /// <summary>New Year's midnight of <paramref name="year"/> and of the next, in <paramref name="zone"/>, as instants.</summary>
    internal static (DateTimeOffset From, DateTimeOffset To) YearIn(int year, TimeZoneInfo zone) =>
        (LimitOptions.StartOf(new DateTime(year, 1, 1), zone), LimitOptions.StartOf(new DateTime(year + 1, 1, 1), zone));
}
