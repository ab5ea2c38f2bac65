using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Common;
using RedPacket.Domain.Ledger;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Accounts;

public sealed record AccountView(string UserId, string UserName, long BalanceCents);

public sealed record LedgerLine(long Id, TransferKind Kind, long AmountCents, long? PacketId, DateTimeOffset CreatedAt);

/// <summary>Opening wallets, demo top-ups and reading balances.</summary>
public sealed class AccountService(TransactionRunner transactions, IDbContextFactory<RedPacketDb> contexts, TimeProvider clock)
{
    /// <summary>Opens the user's account if it does not exist yet (safe to repeat).</summary>
    public async Task OpenAsync(string userId, string userName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Set<Account>().AnyAsync(a => a.UserId == userId, ct)) return;
        db.Add(new Account(userId, userName, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (TransactionRunner.IsDuplicateKey(e))
        {
            // Opened by a concurrent call: what we wanted.
        }
    }

    /// <summary>Money from outside (demo credit). The only way new money enters the books.</summary>
    public Task TopUpAsync(string userId, long cents, CancellationToken ct = default)
    {
        if (cents <= 0) throw new DomainException(ErrorCodes.InvalidAmount, "A top-up is at least one cent.");
        return transactions.RunAsync(async (db, c) =>
        {
            var account = await db.LockAsync(userId, c)
                ?? throw new DomainException(ErrorCodes.NoAccount, "The user has no account.");
            account.Credit(cents);
            LedgerWriter.TopUp(db, userId, cents, clock.GetUtcNow());
            await db.SaveChangesAsync(c);
        }, ct);
    }

    public async Task<AccountView?> FindAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<Account>().AsNoTracking().Where(a => a.UserId == userId)
            .Select(a => new AccountView(a.UserId, a.UserName, a.BalanceCents)).SingleOrDefaultAsync(ct);
    }

    public async Task<Page<LedgerLine>> LedgerAsync(string userId, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var mine = db.Set<LedgerEntry>().AsNoTracking().Where(e => e.Book == LedgerBook.User && e.UserId == userId);
        return await mine.OrderByDescending(e => e.Id)
            .Select(e => new LedgerLine(e.Id, e.Kind, e.AmountCents, e.PacketId, e.CreatedAt))
            .ToPageAsync(page, ct);
    }
}
