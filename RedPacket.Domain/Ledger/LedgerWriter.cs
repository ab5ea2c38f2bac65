using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Ledger;

/// <summary>Adds the two legs of a transfer to the unit of work; the caller commits them with the balances.</summary>
internal static class LedgerWriter
{
    public static void TopUp(RedPacketDb db, string userId, long cents, DateTimeOffset at) =>
        Write(db, TransferKind.TopUp, at, cents, from: (LedgerBook.External, null, null), to: (LedgerBook.User, userId, null));

    public static void Send(RedPacketDb db, string senderId, long packetId, long cents, DateTimeOffset at) =>
        Write(db, TransferKind.Send, at, cents, from: (LedgerBook.User, senderId, packetId), to: (LedgerBook.Escrow, null, packetId));

    public static void Claim(RedPacketDb db, string receiverId, long packetId, long cents, DateTimeOffset at) =>
        db.AddRange(ClaimLegs(receiverId, packetId, cents, at));

    /// <summary>The two legs of a claim, for a writer that inserts them itself (the settle batch).</summary>
    public static LedgerEntry[] ClaimLegs(string receiverId, long packetId, long cents, DateTimeOffset at) =>
        Legs(TransferKind.Claim, at, cents, from: (LedgerBook.Escrow, null, packetId), to: (LedgerBook.User, receiverId, packetId));

    public static void Refund(RedPacketDb db, string senderId, long packetId, long cents, DateTimeOffset at) =>
        Write(db, TransferKind.Refund, at, cents, from: (LedgerBook.Escrow, null, packetId), to: (LedgerBook.User, senderId, packetId));

    /// <summary>An admin's adjustment: positive from the house to the user, negative from the user to the house.</summary>
    public static void Adjust(RedPacketDb db, string userId, long cents, DateTimeOffset at) =>
        db.AddRange(cents > 0
            ? Legs(TransferKind.Adjustment, at, cents, from: (LedgerBook.House, null, null), to: (LedgerBook.User, userId, null))
            : Legs(TransferKind.Adjustment, at, -cents, from: (LedgerBook.User, userId, null), to: (LedgerBook.House, null, null)));

    /// <summary>A member's transfer made: from the sender into its escrow.</summary>
    public static void TransferOut(RedPacketDb db, string fromUserId, long transferId, long cents, DateTimeOffset at) =>
        db.AddRange(TransferLegs(TransferKind.TransferOut, at, cents, (LedgerBook.User, fromUserId), (LedgerBook.Escrow, null), transferId));

    /// <summary>Accepted: from its escrow to the recipient.</summary>
    public static void TransferIn(RedPacketDb db, string toUserId, long transferId, long cents, DateTimeOffset at) =>
        db.AddRange(TransferLegs(TransferKind.TransferIn, at, cents, (LedgerBook.Escrow, null), (LedgerBook.User, toUserId), transferId));

    /// <summary>Returned (by the recipient, or by the job once it waited too long): from its escrow back to the sender.</summary>
    public static void TransferBack(RedPacketDb db, string fromUserId, long transferId, long cents, DateTimeOffset at) =>
        db.AddRange(TransferLegs(TransferKind.TransferBack, at, cents, (LedgerBook.Escrow, null), (LedgerBook.User, fromUserId), transferId));

    private static LedgerEntry[] TransferLegs(TransferKind kind, DateTimeOffset at, long cents,
        (LedgerBook Book, string? UserId) from, (LedgerBook Book, string? UserId) to, long transferId)
    {
        var pair = Guid.NewGuid();
        return
        [
            new LedgerEntry(pair, kind, from.Book, from.UserId, null, -cents, at, transferId),
            new LedgerEntry(pair, kind, to.Book, to.UserId, null, cents, at, transferId),
        ];
    }

    private static void Write(RedPacketDb db, TransferKind kind, DateTimeOffset at, long cents,
        (LedgerBook Book, string? UserId, long? PacketId) from, (LedgerBook Book, string? UserId, long? PacketId) to) =>
        db.AddRange(Legs(kind, at, cents, from, to));

    private static LedgerEntry[] Legs(TransferKind kind, DateTimeOffset at, long cents,
        (LedgerBook Book, string? UserId, long? PacketId) from, (LedgerBook Book, string? UserId, long? PacketId) to)
    {
        var transferId = Guid.NewGuid();
        return
        [
            new LedgerEntry(transferId, kind, from.Book, from.UserId, from.PacketId, -cents, at),
            new LedgerEntry(transferId, kind, to.Book, to.UserId, to.PacketId, cents, at),
        ];
    }
}
