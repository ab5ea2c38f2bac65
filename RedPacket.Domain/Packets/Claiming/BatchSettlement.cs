using RedPacket.Domain.Accounts;
using RedPacket.Domain.Common;
using RedPacket.Domain.Ledger;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets.Claiming;

/// <summary>
/// What one batch settled: an outcome per claim (same order), and the packet as the batch left it; with its sender,
/// the time of the claims and the names of the users paid, so the sender can be told who opened it without a query.
/// </summary>
public sealed record BatchResult(IReadOnlyList<SettleOutcome> Outcomes, long GroupId, int RemainingCount,
    string SenderUserId, DateTimeOffset SettledAt, IReadOnlyDictionary<string, AccountRef> Payees);

/// <summary>
/// Makes a batch of Redis claims of one packet true in MySQL, inside the caller's transaction: the packet row is
/// locked once, then the shares involved, then the receivers' accounts (credited in ascending id order); each share moves
/// unclaimed → claimed only if it still is unclaimed; everything is written in one round trip (<see cref="BatchWriter"/>).
/// Idempotent per (packet, share, user): a claim settled before answers <see cref="SettleOutcome.Settled"/> with
/// <c>JustNow: false</c>, so a claim may be settled again after a lost reply, a crash, or by another node.
/// </summary>
internal static class BatchSettlement
{
    public static async Task<BatchResult> SettleInAsync(RedPacketDb db, AccountDirectory accountIds, long packetId,
        IReadOnlyList<PendingClaim> claims, DateTimeOffset now, CancellationToken ct)
    {
        var packet = await db.LockPacketAsync(packetId, ct)
            ?? throw new DomainException(ErrorCodes.NotFound, "No such packet.");
        var users = claims.Select(c => c.UserId).ToHashSet();
        var shares = await db.LockSharesForClaimsAsync(packetId, claims.Select(c => c.Share.Seq).Distinct().ToList(), users, ct);
        var held = shares.Where(s => s.ReceiverUserId is not null && users.Contains(s.ReceiverUserId)).ToDictionary(s => s.ReceiverUserId!);
        var bySeq = shares.ToDictionary(s => s.Seq);
        var payees = users.Where(u => !held.ContainsKey(u)).ToList();
        // The accounts are locked by the writer's UPDATE itself, in ascending id order (see BatchWriter).
        var accounts = await accountIds.AccountsOfAsync(db, payees, ct);

        var versionBefore = packet.Version;
        var claimed = new List<PacketShare>();
        var credits = new List<(long AccountId, long Cents)>();
        var legs = new List<LedgerEntry>();
        var outcomes = new SettleOutcome[claims.Count];
        var paidNow = new HashSet<int>();
        for (var i = 0; i < claims.Count; i++)
        {
            var (userId, claim) = claims[i];
            if (held.TryGetValue(userId, out var mine))
            {
                outcomes[i] = mine.Seq == claim.Seq
                    ? new SettleOutcome.Settled(mine.AmountCents, 0, JustNow: false)
                    : new SettleOutcome.HoldsOther(new ShareToken(mine.Seq, mine.AmountCents), 0);
                continue;
            }
            if (!bySeq.TryGetValue(claim.Seq, out var share))
            {
                outcomes[i] = new SettleOutcome.Failed(new InvalidOperationException($"Packet {packetId} has no share {claim.Seq}."));
                continue;
            }
            if (share.Status != ShareStatus.Unclaimed || packet.Status != PacketStatus.Open)
            {
                outcomes[i] = new SettleOutcome.Gone(share.Status, packet.Status);
                continue;
            }
            if (share.AmountCents != claim.AmountCents)
            {
                outcomes[i] = new SettleOutcome.Failed(new InvalidOperationException(
                    $"Redis says share {claim} but MySQL says {share.AmountCents} cents."));
                continue;
            }
            if (!accounts.TryGetValue(userId, out var account))
            {
                outcomes[i] = new SettleOutcome.Failed(new DomainException(ErrorCodes.NoAccount, "The receiver has no account."));
                continue;
            }
            packet.Claim(share, userId, now);
            claimed.Add(share);
            credits.Add((account.Id, share.AmountCents));
            legs.AddRange(LedgerWriter.ClaimLegs(userId, packetId, share.AmountCents, now));
            held[userId] = share;
            paidNow.Add(i);
            outcomes[i] = new SettleOutcome.Settled(share.AmountCents, 0, JustNow: true);
        }
        if (paidNow.Count > 0)
        {
            await BatchWriter.WriteAsync(db, packet, versionBefore, claimed, credits, legs, ct);
            // Written by hand: the context must not write these rows again, and a later change in the same
            // transaction (the refund's) must start from the values now in the database.
            foreach (var written in new object[] { packet }.Concat(claimed)) db.MarkPersisted(written);
        }

        // Everyone hears the count the batch left behind.
        for (var i = 0; i < outcomes.Length; i++)
            outcomes[i] = outcomes[i] switch
            {
                SettleOutcome.Settled s => s with { RemainingCount = packet.RemainingCount, JustNow = paidNow.Contains(i) },
                SettleOutcome.HoldsOther h => h with { RemainingCount = packet.RemainingCount },
                var other => other,
            };
        return new BatchResult(outcomes, packet.GroupId, packet.RemainingCount, packet.SenderUserId, now, accounts);
    }
}
