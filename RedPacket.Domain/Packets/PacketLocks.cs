using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets;

/// <summary>
/// Row locks in the one order used everywhere: packet, then share, then account.
/// The same order in every transaction is what keeps them from deadlocking each other.
/// </summary>
internal static class PacketLocks
{
    public static Task<Packet?> LockPacketAsync(this RedPacketDb db, long packetId, CancellationToken ct) =>
        db.Set<Packet>().FromSqlInterpolated($"SELECT * FROM red_packets WHERE Id = {packetId} FOR UPDATE")
            .SingleOrDefaultAsync(ct);

    public static Task<PacketShare?> LockShareAsync(this RedPacketDb db, long packetId, int seq, CancellationToken ct) =>
        db.Set<PacketShare>()
            .FromSqlInterpolated($"SELECT * FROM red_packet_shares WHERE PacketId = {packetId} AND Seq = {seq} FOR UPDATE")
            .SingleOrDefaultAsync(ct);

    public static Task<PacketShare?> LockShareOfAsync(this RedPacketDb db, long packetId, string userId, CancellationToken ct) =>
        db.Set<PacketShare>()
            .FromSqlInterpolated($"SELECT * FROM red_packet_shares WHERE PacketId = {packetId} AND ReceiverUserId = {userId} FOR UPDATE")
            .SingleOrDefaultAsync(ct);

    public static Task<List<PacketShare>> LockUnclaimedSharesAsync(this RedPacketDb db, long packetId, CancellationToken ct) =>
        db.Set<PacketShare>()
            .FromSqlInterpolated($"SELECT * FROM red_packet_shares WHERE PacketId = {packetId} AND Status = {(int)ShareStatus.Unclaimed} ORDER BY Seq FOR UPDATE")
            .ToListAsync(ct);
}
