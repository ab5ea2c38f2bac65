using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Common;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Accounts.Pins;

/// <summary>
/// The payment PIN: set, changed, and checked before money leaves a wallet (a send, a transfer). It is checked where a
/// user asks to pay (the API and the Blazor dialogs), not in <c>PacketSender</c>, which trusted code (the bench
/// seeder, tests) calls too. Each check reads the PIN row FOR UPDATE, so wrong guesses at once are all counted, and a
/// wrong guess is committed even though the request fails.
/// </summary>
public sealed class PaymentPins(TransactionRunner transactions, IDbContextFactory<RedPacketDb> contexts, IOptions<PinOptions> options,
    TimeProvider clock)
{
    public async Task<bool> IsSetAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<PaymentPin>().AnyAsync(p => p.UserId == userId, ct);
    }

    /// <summary>Sets the first PIN, or changes it (then <paramref name="currentPin"/> must be right, and counts as a guess).</summary>
    public async Task SetAsync(string userId, string? pin, string? currentPin, CancellationToken ct = default)
    {
        if (!PinRules.IsWellFormed(pin))
            throw new DomainException(ErrorCodes.InvalidRequest, $"A payment PIN is {PinRules.Length} digits.");
        if (PinRules.IsWeak(pin!))
            throw new DomainException(ErrorCodes.PinWeak, "This PIN is too easy to guess: not all one digit, and not a run such as 123456 or 654321.");
        var o = options.Value;
        // Hashing takes tens of milliseconds: done before the row is locked.
        var (salt, hash) = PinHasher.Hash(pin!, o.HashIterations);
        var current = await HashOutsideTheLockAsync(userId, currentPin, ct);
        var refusal = await transactions.RunAsync(async (db, c) =>
        {
            var now = clock.GetUtcNow();
            var stored = await LockAsync(db, userId, c);
            if (stored is null)
            {
                db.Add(new PaymentPin(userId, salt, hash, o.HashIterations, now));
            }
            else
            {
                if (Judge(stored, currentPin, current, now) is { } wrong) return wrong;
                stored.Replace(salt, hash, o.HashIterations, now);
            }
            await db.SaveChangesAsync(c);
            return null;
        }, ct);
        if (refusal is not null) throw refusal;
    }

    /// <summary>Answers only when <paramref name="pin"/> is the user's PIN; else throws pin_not_set, pin_wrong or pin_locked.</summary>
    public async Task VerifyAsync(string userId, string? pin, CancellationToken ct = default)
    {
        var seen = await HashOutsideTheLockAsync(userId, pin, ct);
        var refusal = await transactions.RunAsync(async (db, c) =>
        {
            var stored = await LockAsync(db, userId, c)
                ?? throw new DomainException(ErrorCodes.PinNotSet, "Set a payment PIN first (PUT /api/me/pin).");
            var wrong = Judge(stored, pin, seen, clock.GetUtcNow());
            await db.SaveChangesAsync(c);
            return wrong;
        }, ct);
        if (refusal is not null) throw refusal;
    }

    /// <summary>What a PIN was checked against before the row was locked: the stored hash then, and whether it matched.</summary>
    private sealed record SeenHash(byte[] Hash, bool Matches);

    /// <summary>
    /// The slow part of a check (a PBKDF2 derivation, tens of milliseconds), done before the row is locked, so that a
    /// user's concurrent payments do not queue behind each other's hashing; the lock is then held only to count.
    /// </summary>
    private async Task<SeenHash?> HashOutsideTheLockAsync(string userId, string? pin, CancellationToken ct)
    {
        if (!PinRules.IsWellFormed(pin)) return null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.Set<PaymentPin>().AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, ct);
        return stored is null ? null : new SeenHash(stored.Hash, PinHasher.Matches(pin!, stored));
    }

    /// <summary>Null when the PIN is right; else the refusal, with the row updated to count it (committed by the caller).</summary>
    private DomainException? Judge(PaymentPin stored, string? pin, SeenHash? seen, DateTimeOffset now)
    {
        var o = options.Value;
        if (stored.IsLockedAt(now)) return Locked(stored);
        // No PIN at all is no guess (a client that forgot the field): refused, but not counted towards the lock.
        if (string.IsNullOrEmpty(pin)) return Wrong(o.MaxAttempts - stored.FailedAttempts, "The payment PIN is missing");
        // The PIN changed between the hashing and the lock (rare): checked again against the locked row.
        var matches = PinRules.IsWellFormed(pin)
            && (seen is not null && seen.Hash.AsSpan().SequenceEqual(stored.Hash) ? seen.Matches : PinHasher.Matches(pin, stored));
        if (matches)
        {
            if (stored.FailedAttempts > 0) stored.Right();
            return null;
        }
        stored.Wrong(o.MaxAttempts, o.LockFor, now);
        if (stored.IsLockedAt(now)) return Locked(stored);
        return Wrong(o.MaxAttempts - stored.FailedAttempts, "Wrong payment PIN");
    }

    private static DomainException Wrong(int left, string what) =>
        new(ErrorCodes.PinWrong, $"{what}: {left} attempt(s) left before it locks.", new Dictionary<string, object?> { ["attemptsLeft"] = left });

    private static DomainException Locked(PaymentPin stored) =>
        new(ErrorCodes.PinLocked, "Too many wrong PINs: payments are locked for a while.",
            new Dictionary<string, object?> { ["lockedUntil"] = stored.LockedUntil });

    private static Task<PaymentPin?> LockAsync(RedPacketDb db, string userId, CancellationToken ct) =>
        db.Set<PaymentPin>().FromSqlInterpolated($"SELECT * FROM payment_pins WHERE UserId = {userId} FOR UPDATE").SingleOrDefaultAsync(ct);
}
