using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Common;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Accounts.Limits;

/// <summary>
/// The daily ceiling on what leaves a wallet. <see cref="ChargeAsync"/> runs inside the send (or transfer)
/// transaction, after the sender's account row is locked: every send of that user waits on the same lock, on every
/// node, so a burst at the edge of a limit passes exactly as many as fit. The day is the app's clock in
/// <see cref="LimitOptions.DayTimeZone"/>.
/// </summary>
public sealed class DailyLimits(IDbContextFactory<RedPacketDb> contexts, IOptions<LimitOptions> options, TimeProvider clock)
{
    /// <summary>Counts one send of <paramref name="cents"/>, or throws daily_limit (with <c>resetsAt</c>) when it does not fit.</summary>
    internal async Task ChargeAsync(RedPacketDb db, string userId, long cents, DateTimeOffset now, CancellationToken ct)
    {
        var (day, resetsAt) = DayOf(now);
        var (sends, sentCents) = await LimitsOfAsync(db, userId, ct);
        var usage = await db.Set<DailyUsage>().SingleOrDefaultAsync(u => u.UserId == userId && u.Day == day, ct);
        var (usedSends, usedCents) = (usage?.Sends ?? 0, usage?.SentCents ?? 0);
        if (usedSends + 1 > sends)
            throw Over($"You can send {sends} time(s) a day; that is used up.", resetsAt);
        if (usedCents + cents > sentCents)
            throw Over($"You can send {sentCents} cents a day; {Math.Max(0, sentCents - usedCents)} cents are left today.", resetsAt);
        if (usage is null) db.Add(usage = new DailyUsage(userId, day));
        usage.Add(cents);
    }

    /// <summary>What applies to the user today and what they used.</summary>
    public async Task<DailyAllowance> AllowanceAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (day, resetsAt) = DayOf(clock.GetUtcNow());
        var (sends, sentCents) = await LimitsOfAsync(db, userId, ct);
        var usage = await db.Set<DailyUsage>().AsNoTracking().SingleOrDefaultAsync(u => u.UserId == userId && u.Day == day, ct);
        return new DailyAllowance(sends, sentCents, usage?.Sends ?? 0, usage?.SentCents ?? 0, resetsAt);
    }

    /// <summary>An admin sets a user's own limits; a null puts that one back to the configured default.</summary>
    public async Task<DailyAllowance> SetAsync(string userId, int? sendsPerDay, long? sentCentsPerDay, CancellationToken ct = default)
    {
        if (sendsPerDay is <= 0 || sentCentsPerDay is <= 0)
            throw new DomainException(ErrorCodes.InvalidRequest, "A daily limit is above 0 (or null for the default).");
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (!await db.Set<Account>().AnyAsync(a => a.UserId == userId, ct))
                throw new DomainException(ErrorCodes.NotFound, "No such user.");
            var own = await db.Set<UserLimits>().SingleOrDefaultAsync(l => l.UserId == userId, ct);
            if (own is null) db.Add(own = new UserLimits(userId));
            (own.SendsPerDay, own.SentCentsPerDay) = (sendsPerDay, sentCentsPerDay);
            await db.SaveChangesAsync(ct);
        }
        return await AllowanceAsync(userId, ct);
    }

    private async Task<(int Sends, long SentCents)> LimitsOfAsync(RedPacketDb db, string userId, CancellationToken ct)
    {
        var o = options.Value;
        var own = await db.Set<UserLimits>().AsNoTracking().SingleOrDefaultAsync(l => l.UserId == userId, ct);
        return (own?.SendsPerDay ?? o.SendsPerDay, own?.SentCentsPerDay ?? o.SentCentsPerDay);
    }

    /// <summary>The day <paramref name="now"/> falls on in the configured zone, and the moment the next one starts.</summary>
    internal (DateOnly Day, DateTimeOffset ResetsAt) DayOf(DateTimeOffset now)
    {
        var day = options.Value.DayOf(now);
        return (DateOnly.FromDateTime(day), options.Value.StartOf(day.AddDays(1)));
    }

    private static DomainException Over(string message, DateTimeOffset resetsAt) =>
        new(ErrorCodes.DailyLimit, message, new Dictionary<string, object?> { ["resetsAt"] = resetsAt });
}
