using Microsoft.EntityFrameworkCore;
using MySqlConnector;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets;

/// <summary>
/// Row locks in the one order used everywhere: packet, then share, then account (accounts by ascending id).
/// The same order in every transaction is what keeps them from deadlocking each other. Every share lock is
/// taken while its packet's row is locked, so share locks never deadlock among themselves.
/// </summary>
internal static class PacketLocks
{
    public static Task<Packet?> LockPacketAsync(this RedPacketDb db, long packetId, CancellationToken ct) =>
        db.Set<Packet>().FromSqlInterpolated($"SELECT * FROM red_packets WHERE Id = {packetId} FOR UPDATE")
            .SingleOrDefaultAsync(ct);

    /// <summary>Several packets, in ascending id order (the order every commit of several packets takes them in).</summary>
    public static Task<List<Packet>> LockPacketsAsync(this RedPacketDb db, IReadOnlyCollection<long> packetIds, CancellationToken ct)
    {
        var (list, parameters) = SqlLists.In("p", packetIds);
        var sql = $"SELECT * FROM red_packets WHERE Id IN ({list}) ORDER BY Id FOR UPDATE";
        return db.Set<Packet>().FromSqlRaw(sql, parameters).ToListAsync(ct);
    }

    public static Task<PacketShare?> LockShareOfAsync(this RedPacketDb db, long packetId, string userId, CancellationToken ct) =>
        db.Set<PacketShare>()
            .FromSqlInterpolated($"SELECT * FROM red_packet_shares WHERE PacketId = {packetId} AND ReceiverUserId = {userId} FOR UPDATE")
            .SingleOrDefaultAsync(ct);

    /// <summary>The shares with these sequence numbers.</summary>
    public static Task<List<PacketShare>> LockSharesAsync(this RedPacketDb db, long packetId, IReadOnlyCollection<int> seqs,
        CancellationToken ct)
    {
        var (list, parameters) = SqlLists.In("s", seqs);
        var sql = $"SELECT * FROM red_packet_shares WHERE PacketId = @packet AND Seq IN ({list}) ORDER BY Seq FOR UPDATE";
        return db.Set<PacketShare>().FromSqlRaw(sql, [new MySqlParameter("@packet", packetId), .. parameters])
            .ToListAsync(ct);
    }

    /// <summary>
    /// In one statement, the shares of these packets with these sequence numbers and the shares these users already
    /// hold there (a batch needs both). The lists are shared by the packets, so a commit of several packets may lock a
    /// few more of their shares than it needs (the caller picks each packet's own): harmless, as every packet here is
    /// already locked by the caller. Transactions run at READ COMMITTED, so rows the scan reads but does not match stay
    /// unlocked.
    /// </summary>
    public static Task<List<PacketShare>> LockSharesForClaimsAsync(this RedPacketDb db, IReadOnlyCollection<long> packetIds,
        IReadOnlyCollection<int> seqs, IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        // One bucket for all three lists: EF compiles (and keeps) a query per SQL text, and three lists bucketed apart
        // would make hundreds of texts of this one statement.
        var size = SqlLists.Bucket(Math.Max(packetIds.Count, Math.Max(seqs.Count, userIds.Count)));
        var (packetList, packetParameters) = SqlLists.In("p", packetIds, size);
        var (seqList, seqParameters) = SqlLists.In("s", seqs, size);
        var (userList, userParameters) = SqlLists.In("u", userIds, size);
        var sql = $"SELECT * FROM red_packet_shares WHERE PacketId IN ({packetList}) AND (Seq IN ({seqList}) OR ReceiverUserId IN ({userList})) FOR UPDATE";
        return db.Set<PacketShare>().FromSqlRaw(sql, [.. packetParameters, .. seqParameters, .. userParameters]).ToListAsync(ct);
    }

    /// <summary>Every share of the packet (the refund takes them all before any account).</summary>
    public static Task<List<PacketShare>> LockAllSharesAsync(this RedPacketDb db, long packetId, CancellationToken ct) =>
        db.Set<PacketShare>()
            .FromSqlInterpolated($"SELECT * FROM red_packet_shares WHERE PacketId = {packetId} ORDER BY Seq FOR UPDATE")
            .ToListAsync(ct);

    public static Task<List<PacketShare>> LockUnclaimedSharesAsync(this RedPacketDb db, long packetId, CancellationToken ct) =>
        db.Set<PacketShare>()
            .FromSqlInterpolated($"SELECT * FROM red_packet_shares WHERE PacketId = {packetId} AND Status = {(int)ShareStatus.Unclaimed} ORDER BY Seq FOR UPDATE")
            .ToListAsync(ct);
}
