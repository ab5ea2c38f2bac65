using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;
using RedPacket.Domain.Ledger;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets.Claiming;

/// <summary>
/// Writes what a commit settled in one round trip: a statement per packet, then all the claimed shares, all the
/// credited accounts, and every ledger leg in one multi-row insert. Through EF the same batch would be a statement
/// per row plus a read-back of every new ledger id: for ten claims about 80 statements instead of 4, which is most
/// of what MySQL spends on a settle. The packet made the decisions (<see cref="Packet.Claim"/>); this persists
/// them with the guards EF would use (the packet's concurrency token, the shares only moving from unclaimed) and
/// credits the accounts in place. Every row must be hit, or the whole transaction rolls back and is retried.
/// </summary>
internal static class BatchWriter
{
    public static async Task WriteAsync(RedPacketDb db, IReadOnlyList<(Packet Packet, long VersionBefore)> packets,
        IReadOnlyList<PacketShare> claimed, IReadOnlyList<(long AccountId, long Cents)> credits /* one per account */,
        IReadOnlyList<LedgerEntry> legs, CancellationToken ct)
    {
        var sql = new StringBuilder();
        var p = new List<MySqlParameter>();
        string P(object? value)
        {
            var name = "@w" + p.Count.ToString(CultureInfo.InvariantCulture);
            p.Add(new MySqlParameter(name, value));
            return name;
        }

        foreach (var (packet, versionBefore) in packets)
            sql.Append($"UPDATE `red_packets` SET `RemainingCents` = {P(packet.RemainingCents)}, `RemainingCount` = {P(packet.RemainingCount)}, ")
               .Append($"`Status` = {P((int)packet.Status)}, `Version` = {P(packet.Version)} ")
               .Append($"WHERE `Id` = {P(packet.Id)} AND `Version` = {P(versionBefore)};\n");

        var shareIds = claimed.Select(s => P(s.Id)).ToList();
        sql.Append($"UPDATE `red_packet_shares` SET `Status` = {P((int)ShareStatus.Claimed)}, `ClaimedAt` = {P(claimed[0].ClaimedAt!.Value.UtcDateTime)}, ")
           .Append("`ReceiverUserId` = CASE `Id`");
        for (var i = 0; i < claimed.Count; i++) sql.Append($" WHEN {shareIds[i]} THEN {P(claimed[i].ReceiverUserId)}");
        sql.Append($" END WHERE `Id` IN ({string.Join(",", shareIds)}) AND `Status` = {P((int)ShareStatus.Unclaimed)};\n");

        // Credited where they stand, under the lock this UPDATE takes: InnoDB locks the rows in the order it reads
        // them, and a primary-key IN list is read in ascending id order, the one order every batch uses.
        var byId = credits.OrderBy(c => c.AccountId).ToList();
        var accountIds = byId.Select(c => P(c.AccountId)).ToList();
        sql.Append("UPDATE `accounts` SET `BalanceCents` = `BalanceCents` + CASE `Id`");
        for (var i = 0; i < byId.Count; i++) sql.Append($" WHEN {accountIds[i]} THEN {P(byId[i].Cents)}");
        sql.Append(" END, `Version` = `Version` + 1 WHERE `Id` IN (").Append(string.Join(",", accountIds)).Append(");\n");

        sql.Append("INSERT INTO `ledger_entries` (`TransferId`, `Kind`, `Book`, `UserId`, `PacketId`, `AmountCents`, `CreatedAt`) VALUES ");
        sql.AppendJoin(",", legs.Select(l =>
            $"({P(l.TransferId.ToString())}, {P((int)l.Kind)}, {P((int)l.Book)}, {P(l.UserId)}, {P(l.PacketId)}, {P(l.AmountCents)}, {P(l.CreatedAt.UtcDateTime)})"));
        sql.Append(';');

        var expected = packets.Count + claimed.Count + credits.Count + legs.Count;
        var written = await db.Database.ExecuteSqlRawAsync(sql.ToString(), p, ct);
        if (written != expected)
            throw new DbUpdateConcurrencyException($"A settle of packets {string.Join(",", packets.Select(x => x.Packet.Id))} wrote {written} rows, not {expected}; retrying it whole.");
    }
}
