using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Common;
using RedPacket.Domain.Ledger;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Accounts.Adjustments;

/// <summary>
/// Balance corrections by an admin, through the double-entry ledger: the other leg sits in the house book, so the
/// audit still balances (money in from outside and from the house == balances + escrow) and lists what the house
/// gave. A debit never takes a balance below zero.
/// </summary>
public sealed class AccountAdjustments(TransactionRunner transactions, IDbContextFactory<RedPacketDb> contexts, TimeProvider clock)
{
    public const long MaxCents = 100_000_000;

    public async Task<AdjustmentRow> AdjustAsync(string userId, long amountCents, string? reason, string adminUserId, CancellationToken ct = default)
    {
        var why = (reason ?? "").Trim();
        if (amountCents == 0 || Math.Abs(amountCents) > MaxCents)
            throw new DomainException(ErrorCodes.InvalidAmount, $"An adjustment is 1 to {MaxCents} cents either way, not 0.");
        if (!TextLimits.Fits(why, 1, Adjustment.MaxReasonElements))
            throw new DomainException(ErrorCodes.InvalidRequest, $"Say why, in 1 to {Adjustment.MaxReasonElements} characters.");
        var (id, balance) = await transactions.RunAsync(async (db, c) =>
        {
            var account = await db.LockAsync(userId, c) ?? throw new DomainException(ErrorCodes.NotFound, "No such user.");
            if (amountCents > 0) account.Credit(amountCents);
            else account.Debit(-amountCents);
            var now = clock.GetUtcNow();
            var adjustment = new Adjustment(userId, amountCents, why, adminUserId, now);
            db.Add(adjustment);
            LedgerWriter.Adjust(db, userId, amountCents, now);
            await db.SaveChangesAsync(c);
            return (adjustment.Id, account.BalanceCents);
        }, ct);
        return (await HistoryAsync(new PageRequest(1, 1), id, ct)).Items.Single() with { BalanceAfterCents = balance };
    }

    /// <summary>The user id of a wallet's user name (the sign-in name), or null.</summary>
    public async Task<string?> UserIdOfAsync(string userName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<Account>().Where(a => a.UserName == userName).Select(a => a.UserId).SingleOrDefaultAsync(ct);
    }

    /// <summary>Every adjustment, newest first.</summary>
    public Task<Page<AdjustmentRow>> HistoryAsync(PageRequest page, CancellationToken ct = default) => HistoryAsync(page, null, ct);

    private async Task<Page<AdjustmentRow>> HistoryAsync(PageRequest page, long? only, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await (from j in db.Set<Adjustment>().AsNoTracking()
                      join u in db.Set<Account>() on j.UserId equals u.UserId
                      join a in db.Set<Account>() on j.AdminUserId equals a.UserId into admins
                      from a in admins.DefaultIfEmpty()
                      where only == null || j.Id == only
                      orderby j.Id descending
                      select new AdjustmentRow(j.Id, j.UserId, u.UserName, j.AmountCents, j.Reason, j.AdminUserId,
                          a == null ? j.AdminUserId : a.UserName, j.CreatedAt, null))
            .ToPageAsync(page, ct);
    }
}
