using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Accounts;
using RedPacket.Domain.Accounts.Limits;
using RedPacket.Domain.Chat;
using RedPacket.Domain.Common;
using RedPacket.Domain.Groups;
using RedPacket.Domain.Ledger;
using RedPacket.Domain.Packets.Events;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Transfers;

/// <summary>
/// Transfers (转账) between two members of a group, through the double-entry ledger: made (the sender's money into the
/// transfer's escrow, with its chat card), then accepted (escrow to the recipient) or returned (escrow back to the
/// sender) by the recipient alone, or returned by the job once <see cref="TransferOptions.Lifetime"/> has passed.
/// Every ending locks the transfer's row first and moves money only if it is still pending, so accept, return and the
/// job's expiry can race and exactly one of them happens. The payment PIN is checked at the door, as for sends.
/// </summary>
public sealed class TransferService(
    TransactionRunner transactions,
    IDbContextFactory<RedPacketDb> contexts,
    GroupService groups,
    DailyLimits limits,
    GroupEventPublisher events,
    IOptions<TransferOptions> options,
    TimeProvider clock,
    ILogger<TransferService> log)
{
    public async Task<TransferView> CreateAsync(TransferCommand c, CancellationToken ct = default)
    {
        var o = options.Value;
        var note = (c.Note ?? "").Trim();
        if (c.AmountCents < o.MinCents || c.AmountCents > o.MaxCents)
            throw new DomainException(ErrorCodes.InvalidAmount, $"A transfer is {o.MinCents} to {o.MaxCents} cents.");
        if (!TextLimits.Fits(note, 0, Transfer.MaxNoteElements))
            throw new DomainException(ErrorCodes.InvalidRequest, $"A note has at most {Transfer.MaxNoteElements} characters.");
        if (c.IdempotencyKey is { Length: 0 or > 100 })
            throw new DomainException(ErrorCodes.InvalidRequest, "An Idempotency-Key has 1 to 100 characters.");
        if (c.ToUserId == c.FromUserId)
            throw new DomainException(ErrorCodes.InvalidRequest, "A transfer is to someone else.");
        await groups.RequireMemberAsync(c.GroupId, c.FromUserId, ct);
        if (string.IsNullOrEmpty(c.ToUserId) || !await groups.IsMemberAsync(c.GroupId, c.ToUserId, ct))
            throw new DomainException(ErrorCodes.InvalidRequest, "The recipient is not a member of this group.");
        var hash = Hash(c, note);
        if (c.IdempotencyKey is not null && await FindReplayAsync(c, hash, ct) is { } earlier) return earlier;

        Transfer transfer;
        try
        {
            transfer = await transactions.RunAsync(async (db, x) =>
            {
                var account = await db.LockAsync(c.FromUserId, x) ?? throw new DomainException(ErrorCodes.NoAccount, "The sender has no account.");
                account.Debit(c.AmountCents);
                var now = clock.GetUtcNow();
                await limits.ChargeAsync(db, c.FromUserId, c.AmountCents, now, x);
                var t = new Transfer(c.GroupId, c.FromUserId, c.ToUserId, c.AmountCents, note, now, o.Lifetime, c.IdempotencyKey, hash);
                db.Add(t);
                await db.SaveChangesAsync(x);
                LedgerWriter.TransferOut(db, c.FromUserId, t.Id, t.AmountCents, now);
                db.Add(ChatMessage.TransferCard(c.GroupId, c.FromUserId, t.Id, now));
                await db.SaveChangesAsync(x);
                return t;
            }, ct);
        }
        catch (DbUpdateException e) when (c.IdempotencyKey is not null && TransactionRunner.IsDuplicateKey(e))
        {
            return await FindReplayAsync(c, hash, ct) ?? throw new InvalidOperationException("Duplicate idempotency key, but no transfer found.");
        }
        await AnnounceAsync(transfer);
        log.LogInformation("Transfer {TransferId}: {Cents} cents from {From} to {To}", transfer.Id, transfer.AmountCents, transfer.FromUserId, transfer.ToUserId);
        return (await FindAsync(transfer.Id, ct))!;
    }

    /// <summary>The recipient takes the money. Anyone else hears not_found, as for another group's packet.</summary>
    public Task<TransferView> AcceptAsync(long transferId, string userId, CancellationToken ct = default) =>
        EndAsync(transferId, userId, TransferStatus.Accepted, ct);

    /// <summary>The recipient sends the money back.</summary>
    public Task<TransferView> ReturnAsync(long transferId, string userId, CancellationToken ct = default) =>
        EndAsync(transferId, userId, TransferStatus.Returned, ct);

    private async Task<TransferView> EndAsync(long transferId, string userId, TransferStatus wanted, CancellationToken ct)
    {
        var (ended, changed) = await transactions.RunAsync(async (db, x) =>
        {
            var t = await LockAsync(db, transferId, x);
            if (t is null || t.ToUserId != userId) throw new DomainException(ErrorCodes.NotFound, "No such transfer.");
            var now = clock.GetUtcNow();
            if (t.Status != TransferStatus.Pending)
            {
                // Asking again for what already happened answers it again; the other ending is refused.
                if (t.Status == wanted && !t.Expired) return (t, false);
                throw t.Expired
                    ? new DomainException(ErrorCodes.Expired, "This transfer waited too long and went back to its sender.")
                    : new DomainException(ErrorCodes.TransferSettled, $"This transfer was already {t.Status.ToString().ToLowerInvariant()}.");
            }
            // Past its time the job's ending wins, even if the job has not run yet (the app's clock judges, as for packets).
            var expired = now >= t.ExpiresAt;
            await PayOutAsync(db, t, expired ? TransferStatus.Returned : wanted, now, expired, x);
            return (t, true);
        }, ct);
        if (changed) await AnnounceAsync(ended);
        if (ended.Expired && wanted == TransferStatus.Accepted)
            throw new DomainException(ErrorCodes.Expired, "This transfer waited too long and went back to its sender.");
        return (await FindAsync(transferId, ct))!;
    }

    /// <summary>
    /// One run of the job: every pending transfer past its time goes back to its sender, each in its own transaction
    /// under the transfer's row lock, so a run that overlaps another (or an accept) returns each one once.
    /// </summary>
    public async Task<TransferReturnSummary> ReturnExpiredAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var (found, returned, cents) = (0, 0, 0L);
        while (true)
        {
            List<long> due;
            await using (var db = await contexts.CreateDbContextAsync(ct))
                due = await db.Set<Transfer>().Where(t => t.Status == TransferStatus.Pending && t.ExpiresAt <= now)
                    .OrderBy(t => t.Id).Select(t => t.Id).Take(options.Value.PageSize).ToListAsync(ct);
            if (due.Count == 0) break;
            found += due.Count;
            foreach (var id in due)
            {
                var ended = await transactions.RunAsync(async (db, x) =>
                {
                    var t = await LockAsync(db, id, x);
                    if (t is not { Status: TransferStatus.Pending }) return null;
                    await PayOutAsync(db, t, TransferStatus.Returned, clock.GetUtcNow(), expired: true, x);
                    return t;
                }, ct);
                if (ended is null) continue;
                (returned, cents) = (returned + 1, cents + ended.AmountCents);
                await AnnounceAsync(ended);
            }
        }
        if (found > 0) log.LogInformation("Transfer run: {Found} expired, {Returned} returned ({Cents} cents)", found, returned, cents);
        return new TransferReturnSummary(found, returned, cents);
    }

    /// <summary>A transfer for one of its two people; null for anybody else, as for an unknown id.</summary>
    public async Task<TransferView?> FindForAsync(long transferId, string userId, CancellationToken ct = default) =>
        await FindAsync(transferId, ct) is { } t && (t.FromUserId == userId || t.ToUserId == userId) ? t : null;

    /// <summary>Transfer cards of one chat page, by id.</summary>
    internal static async Task<Dictionary<long, TransferView>> ViewsAsync(RedPacketDb db, IReadOnlyCollection<long> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : await Views(db, t => ids.Contains(t.Id)).ToDictionaryAsync(v => v.TransferId, ct);

    private async Task<TransferView?> FindAsync(long transferId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Views(db, t => t.Id == transferId).SingleOrDefaultAsync(ct);
    }

    private static IQueryable<TransferView> Views(RedPacketDb db, System.Linq.Expressions.Expression<Func<Transfer, bool>> which) =>
        from t in db.Set<Transfer>().AsNoTracking().Where(which)
        join f in db.Set<Account>() on t.FromUserId equals f.UserId
        join r in db.Set<Account>() on t.ToUserId equals r.UserId
        select new TransferView(t.Id, t.GroupId, t.FromUserId, f.UserName, t.ToUserId, r.UserName, t.AmountCents, t.Note, t.Status,
            t.Expired, t.CreatedAt, t.ExpiresAt, t.SettledAt, false);

    /// <summary>Ends a pending transfer: its escrow to the recipient (accepted) or back to the sender (returned).</summary>
    private static async Task PayOutAsync(RedPacketDb db, Transfer t, TransferStatus to, DateTimeOffset now, bool expired, CancellationToken ct)
    {
        var payee = to == TransferStatus.Accepted ? t.ToUserId : t.FromUserId;
        var account = await db.LockAsync(payee, ct) ?? throw new DomainException(ErrorCodes.NoAccount, "The payee has no account.");
        account.Credit(t.AmountCents);
        t.End(to, now, expired);
        if (to == TransferStatus.Accepted) LedgerWriter.TransferIn(db, payee, t.Id, t.AmountCents, now);
        else LedgerWriter.TransferBack(db, payee, t.Id, t.AmountCents, now);
        await db.SaveChangesAsync(ct);
    }

    private static Task<Transfer?> LockAsync(RedPacketDb db, long transferId, CancellationToken ct) =>
        db.Set<Transfer>().FromSqlInterpolated($"SELECT * FROM transfers WHERE Id = {transferId} FOR UPDATE").SingleOrDefaultAsync(ct);

    private Task AnnounceAsync(Transfer t) =>
        events.PublishAsync(new TransferChanged(t.GroupId, t.Id, t.FromUserId, t.ToUserId, t.AmountCents, t.Status, t.Expired));

    private async Task<TransferView?> FindReplayAsync(TransferCommand c, string hash, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var earlier = await db.Set<Transfer>().AsNoTracking()
            .SingleOrDefaultAsync(t => t.FromUserId == c.FromUserId && t.IdempotencyKey == c.IdempotencyKey, ct);
        if (earlier is null) return null;
        if (earlier.RequestHash != hash)
            throw new DomainException(ErrorCodes.IdempotencyConflict, "This Idempotency-Key was used for a different transfer.");
        return (await FindAsync(earlier.Id, ct))! with { Replayed = true };
    }

    private static string Hash(TransferCommand c, string note) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{c.GroupId}|{c.ToUserId}|{c.AmountCents}|{note}")));
}
