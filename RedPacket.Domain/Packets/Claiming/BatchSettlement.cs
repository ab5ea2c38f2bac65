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
/// One packet's claims as a batch hands them over. A class, not a record: two batches are never "the same" batch,
/// so a <see cref="Common.Batching.KeyedBatcher{TKey, TItem, TResult}"/> never joins one to another.
/// </summary>
public sealed class PacketClaims(long packetId, IReadOnlyList<PendingClaim> claims)
{
    public long PacketId { get; } = packetId;
    public IReadOnlyList<PendingClaim> Claims { get; } = claims;
}

/// <summary>
/// Makes batches of Redis claims true in MySQL, inside the caller's transaction; the batches of several packets go
/// together (a group commit, ADR 13). The packet rows are locked first, in ascending id order; then the shares
/// involved; then the receivers' accounts (credited in ascending id order): the one global order that keeps two
/// commits from deadlocking, whichever packets each holds. Each share moves unclaimed → claimed only if it still is
/// unclaimed; everything is written in one round trip (<see cref="BatchWriter"/>).
/// Idempotent per (packet, share, user): a claim settled before answers <see cref="SettleOutcome.Settled"/> with
/// <c>JustNow: false</c>, so a claim may be settled again after a lost reply, a crash, or by another node.
/// </summary>
internal static class BatchSettlement
{
    /// <summary>One packet's batch, inside a caller's transaction that may already hold the packet (the refund).</summary>
    public static async Task<BatchResult> SettleInAsync(RedPacketDb db, AccountDirectory accountIds, long packetId,
        IReadOnlyList<PendingClaim> claims, DateTimeOffset now, CancellationToken ct) =>
        (await SettleInAsync(db, accountIds, [new PacketClaims(packetId, claims)], now, ct))[0];

    /// <summary>
    /// Settles every batch in one transaction and returns a result per batch, in the order given. A packet that does
    /// not exist fails the whole call (the caller can settle the others alone).
    /// </summary>
    public static async Task<IReadOnlyList<BatchResult>> SettleInAsync(RedPacketDb db, AccountDirectory accountIds,
        IReadOnlyList<PacketClaims> batches, DateTimeOffset now, CancellationToken ct)
    {
        var packetIds = batches.Select(b => b.PacketId).Distinct().ToList();
        var packets = (await db.LockPacketsAsync(packetIds, ct)).ToDictionary(p => p.Id);
        var missing = packetIds.FirstOrDefault(id => !packets.ContainsKey(id));
        if (missing != 0) throw new DomainException(ErrorCodes.NotFound, $"No packet {missing}.");

        var allClaims = batches.SelectMany(b => b.Claims).ToList();
        var shares = await db.LockSharesForClaimsAsync(packetIds, allClaims.Select(c => c.Share.Seq).Distinct().ToList(),
            allClaims.Select(c => c.UserId).Distinct().ToList(), ct);
        var states = packets.Values.ToDictionary(p => p.Id, p => new PacketState(p, shares));
        var payees = batches.SelectMany(b => b.Claims.Where(c => !states[b.PacketId].Held.ContainsKey(c.UserId)).Select(c => c.UserId))
            .Distinct().ToList();
        // The accounts are locked by the writer's UPDATE itself, in ascending id order (see BatchWriter).
        var accounts = await accountIds.AccountsOfAsync(db, payees, ct);

        var ledger = new LedgerLines();
        var outcomes = batches.Select(b => Decide(states[b.PacketId], b.Claims, accounts, ledger, now)).ToList();
        if (ledger.Claimed.Count > 0)
        {
            var written = states.Values.Where(s => s.Packet.Version != s.VersionBefore).OrderBy(s => s.Packet.Id).ToList();
            await BatchWriter.WriteAsync(db, written.Select(s => (s.Packet, s.VersionBefore)).ToList(), ledger.Claimed,
                ledger.Credits, ledger.Legs, ct);
            // Written by hand: the context must not write these rows again, and a later change in the same
            // transaction (the refund's) must start from the values now in the database.
            foreach (var row in written.Select(s => (object)s.Packet).Concat(ledger.Claimed)) db.MarkPersisted(row);
        }

        // Everyone hears the count their packet was left with.
        return batches.Select((b, i) =>
        {
            var packet = states[b.PacketId].Packet;
            var final = outcomes[i].Select(o => o switch
            {
                SettleOutcome.Settled s => s with { RemainingCount = packet.RemainingCount },
                SettleOutcome.HoldsOther h => h with { RemainingCount = packet.RemainingCount },
                var other => other,
            }).ToList();
            return new BatchResult(final, packet.GroupId, packet.RemainingCount, packet.SenderUserId, now, accounts);
        }).ToList();
    }

    private static SettleOutcome[] Decide(PacketState state, IReadOnlyList<PendingClaim> claims,
        IReadOnlyDictionary<string, AccountRef> accounts, LedgerLines ledger, DateTimeOffset now)
    {
        var packet = state.Packet;
        var outcomes = new SettleOutcome[claims.Count];
        for (var i = 0; i < claims.Count; i++)
        {
            var (userId, claim) = claims[i];
            if (state.Held.TryGetValue(userId, out var mine))
            {
                outcomes[i] = mine.Seq != claim.Seq
                    ? new SettleOutcome.HoldsOther(new ShareToken(mine.Seq, mine.AmountCents), 0)
                    : new SettleOutcome.Settled(mine.AmountCents, 0, JustNow: false);
                continue;
            }
            if (!state.BySeq.TryGetValue(claim.Seq, out var share))
            {
                outcomes[i] = new SettleOutcome.Failed(new InvalidOperationException($"Packet {packet.Id} has no share {claim.Seq}."));
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
            ledger.Pay(share, account.Id, userId, packet.Id, now);
            state.Held[userId] = share;
            outcomes[i] = new SettleOutcome.Settled(share.AmountCents, 0, JustNow: true);
        }
        return outcomes;
    }

    /// <summary>One packet as the commit found it and as its claims change it.</summary>
    private sealed class PacketState
    {
        public PacketState(Packet packet, IEnumerable<PacketShare> lockedShares)
        {
            Packet = packet;
            VersionBefore = packet.Version;
            var mine = lockedShares.Where(s => s.PacketId == packet.Id).ToList();
            BySeq = mine.ToDictionary(s => s.Seq);
            Held = mine.Where(s => s.ReceiverUserId is not null).ToDictionary(s => s.ReceiverUserId!);
        }

        public Packet Packet { get; }
        public long VersionBefore { get; }
        public Dictionary<int, PacketShare> BySeq { get; }
        /// <summary>The share each user holds in this packet (the shares locked are a superset of the claimers').</summary>
        public Dictionary<string, PacketShare> Held { get; }
    }

    /// <summary>What the commit writes: the claimed shares, the credits per account (summed) and the ledger legs.</summary>
    private sealed class LedgerLines
    {
        private readonly Dictionary<long, long> _credits = [];
        public List<PacketShare> Claimed { get; } = [];
        public List<LedgerEntry> Legs { get; } = [];
        public IReadOnlyList<(long AccountId, long Cents)> Credits => _credits.Select(c => (c.Key, c.Value)).ToList();

        public void Pay(PacketShare share, long accountId, string userId, long packetId, DateTimeOffset now)
        {
            Claimed.Add(share);
            // One user may be paid in several packets of one commit: one credit per account row.
            _credits[accountId] = _credits.GetValueOrDefault(accountId) + share.AmountCents;
            Legs.AddRange(LedgerWriter.ClaimLegs(userId, packetId, share.AmountCents, now));
        }
    }
}
