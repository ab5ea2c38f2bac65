using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Audit;

/// <summary>The audit figures of docs/ARCHITECTURE.md §3 ("Money and the books"), and every rule that was broken (empty when the books balance).</summary>
/// <summary><see cref="HouseCents"/>: what the house has given users by adjustments, net (it counts as money in).</summary>
public sealed record AuditReport(long MintedCents, long BalancesCents, long EscrowCents, bool Consistent, IReadOnlyList<string> Problems,
    long HouseCents = 0);

/// <summary>
/// Checks that the books balance: money in == balances + escrow (packets' and pending transfers'); each packet's shares
/// add up; each packet's and each member transfer's escrow equals its ledger; every leg pair sums to zero; each account
/// equals its ledger; nobody holds two shares of a packet.
/// Reads in one snapshot (REPEATABLE READ), so a check never straddles a money move.
/// </summary>
public sealed class BookAudit(IDbContextFactory<RedPacketDb> contexts)
{
    public async Task<AuditReport> RunAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await StaleConnections.BeginTransactionAsync(db, System.Data.IsolationLevel.RepeatableRead, ct);
        var minted = await ScalarAsync(db, $"SELECT COALESCE(-SUM(AmountCents), 0) AS Value FROM ledger_entries WHERE Book = 3", ct);
        var house = await ScalarAsync(db, $"SELECT COALESCE(-SUM(AmountCents), 0) AS Value FROM ledger_entries WHERE Book = 4", ct);
        var balances = await ScalarAsync(db, $"SELECT COALESCE(SUM(BalanceCents), 0) AS Value FROM accounts", ct);
        var escrow = await ScalarAsync(db, $"SELECT COALESCE(SUM(RemainingCents), 0) AS Value FROM red_packets", ct)
            + await ScalarAsync(db, $"SELECT COALESCE(SUM(AmountCents), 0) AS Value FROM transfers WHERE Status = 1", ct);

        var problems = new List<string>();
        if (minted + house != balances + escrow)
            problems.Add($"Money in ({minted}) + from the house ({house}) != balances ({balances}) + escrow ({escrow}).");
        if (house != await ScalarAsync(db, $"SELECT COALESCE(SUM(AmountCents), 0) AS Value FROM adjustments", ct))
            problems.Add($"The house book ({house}) differs from the adjustments.");
        await FindAsync(db, problems, "packets whose shares do not add up", $"""
            SELECT p.Id AS Value FROM red_packets p
            JOIN (SELECT PacketId,
                    SUM(AmountCents) AS total, COUNT(*) AS n,
                    SUM(CASE WHEN Status = 1 THEN AmountCents ELSE 0 END) AS open_cents,
                    SUM(CASE WHEN Status = 1 THEN 1 ELSE 0 END) AS open_n,
                    SUM(CASE WHEN Status = 3 THEN AmountCents ELSE 0 END) AS refunded_cents
                  FROM red_packet_shares GROUP BY PacketId) s ON s.PacketId = p.Id
            WHERE s.total <> p.TotalCents OR s.n <> p.ShareCount OR s.open_cents <> p.RemainingCents
               OR s.open_n <> p.RemainingCount OR s.refunded_cents <> p.RefundedCents
            LIMIT 20
            """, ct);
        await FindAsync(db, problems, "packets whose escrow differs from their ledger", $"""
            SELECT p.Id AS Value FROM red_packets p
            LEFT JOIN (SELECT PacketId, SUM(AmountCents) AS held FROM ledger_entries WHERE Book = 2 GROUP BY PacketId) e
              ON e.PacketId = p.Id
            WHERE COALESCE(e.held, 0) <> p.RemainingCents
            LIMIT 20
            """, ct);
        await FindAsync(db, problems, "member transfers whose escrow differs from their ledger", $"""
            SELECT t.Id AS Value FROM transfers t
            LEFT JOIN (SELECT TransferRecordId, SUM(AmountCents) AS held FROM ledger_entries
                       WHERE Book = 2 AND TransferRecordId IS NOT NULL GROUP BY TransferRecordId) e ON e.TransferRecordId = t.Id
            WHERE COALESCE(e.held, 0) <> (CASE WHEN t.Status = 1 THEN t.AmountCents ELSE 0 END)
            LIMIT 20
            """, ct);
        await FindAsync(db, problems, "accounts whose balance differs from their ledger", $"""
            SELECT a.Id AS Value FROM accounts a
            LEFT JOIN (SELECT UserId, SUM(AmountCents) AS total FROM ledger_entries WHERE Book = 1 GROUP BY UserId) l
              ON l.UserId = a.UserId
            WHERE COALESCE(l.total, 0) <> a.BalanceCents OR a.BalanceCents < 0
            LIMIT 20
            """, ct);
        await FindAsync(db, problems, "transfers whose legs do not sum to zero", $"""
            SELECT MIN(Id) AS Value FROM ledger_entries GROUP BY TransferId HAVING SUM(AmountCents) <> 0 OR COUNT(*) <> 2 LIMIT 20
            """, ct);
        await FindAsync(db, problems, "packets where a user holds two shares", $"""
            SELECT PacketId AS Value FROM red_packet_shares WHERE ReceiverUserId IS NOT NULL
            GROUP BY PacketId, ReceiverUserId HAVING COUNT(*) > 1 LIMIT 20
            """, ct);
        return new AuditReport(minted, balances, escrow, problems.Count == 0, problems, house);
    }

    private static async Task<long> ScalarAsync(RedPacketDb db, FormattableString sql, CancellationToken ct) =>
        await db.Database.SqlQuery<long>(sql).SingleAsync(ct);

    private static async Task FindAsync(RedPacketDb db, List<string> problems, string what, FormattableString sql, CancellationToken ct)
    {
        var ids = await db.Database.SqlQuery<long>(sql).ToListAsync(ct);
        if (ids.Count > 0) problems.Add($"{what}: {string.Join(", ", ids)}");
    }
}
