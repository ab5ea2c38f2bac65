using RedPacket.Domain.Accounts;
using RedPacket.Domain.Common;
using RedPacket.Domain.Ledger;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets.Claiming;

/// <summary>How MySQL answered a claim Redis handed out.</summary>
public abstract record SettleOutcome
{
    /// <summary>The user holds this share in MySQL. <see cref="JustNow"/>: this call moved the money.</summary>
    public sealed record Settled(long AmountCents, int RemainingCount, bool JustNow) : SettleOutcome;

    /// <summary>MySQL says the user already holds a different share of the packet.</summary>
    public sealed record HoldsOther(ShareToken Held) : SettleOutcome;

    /// <summary>The share is no longer unclaimed in MySQL (someone else's, or refunded).</summary>
    public sealed record Gone(ShareStatus Share, PacketStatus Packet) : SettleOutcome;
}

/// <summary>
/// Makes a Redis claim true in MySQL: one transaction, locks in the order packet → share → account,
/// the share moving unclaimed → claimed only if it still is unclaimed. Idempotent per (packet, share, user),
/// so the same claim may be settled again after a lost reply or a crash.
/// </summary>
public sealed class ShareSettler(TransactionRunner transactions, TimeProvider clock)
{
    public Task<SettleOutcome> SettleAsync(long packetId, ShareToken claim, string userId, CancellationToken ct = default) =>
        transactions.RunAsync((db, c) => SettleInAsync(db, packetId, claim, userId, clock.GetUtcNow(), c), ct);

    /// <summary>Settles inside the caller's transaction (the refund job's reconcile step uses this too).</summary>
    internal static async Task<SettleOutcome> SettleInAsync(RedPacketDb db, long packetId, ShareToken claim, string userId,
        DateTimeOffset now, CancellationToken ct)
    {
        var packet = await db.LockPacketAsync(packetId, ct)
            ?? throw new DomainException(ErrorCodes.NotFound, "No such packet.");
        var held = await db.LockShareOfAsync(packetId, userId, ct);
        if (held is not null)
            return held.Seq == claim.Seq
                ? new SettleOutcome.Settled(held.AmountCents, packet.RemainingCount, JustNow: false)
                : new SettleOutcome.HoldsOther(new ShareToken(held.Seq, held.AmountCents));

        var share = await db.LockShareAsync(packetId, claim.Seq, ct)
            ?? throw new InvalidOperationException($"Packet {packetId} has no share {claim.Seq}.");
        if (share.Status != ShareStatus.Unclaimed) return new SettleOutcome.Gone(share.Status, packet.Status);
        if (share.AmountCents != claim.AmountCents)
            throw new InvalidOperationException($"Redis says share {claim} but MySQL says {share.AmountCents} cents.");

        packet.Claim(share, userId, now);
        var account = await db.LockAsync(userId, ct)
            ?? throw new DomainException(ErrorCodes.NoAccount, "The receiver has no account.");
        account.Credit(share.AmountCents);
        LedgerWriter.Claim(db, userId, packetId, share.AmountCents, now);
        await db.SaveChangesAsync(ct);
        return new SettleOutcome.Settled(share.AmountCents, packet.RemainingCount, JustNow: true);
    }
}
