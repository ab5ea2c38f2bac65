namespace RedPacket.Domain.Packets;

/// <summary>One share of a packet. Goes unclaimed → claimed or unclaimed → refunded, never back.</summary>
public sealed class PacketShare
{
    private PacketShare() { }

    internal PacketShare(int seq, long amountCents)
    {
        if (amountCents < 1) throw new ArgumentOutOfRangeException(nameof(amountCents), "A share is at least one cent.");
        Seq = seq;
        AmountCents = amountCents;
        Status = ShareStatus.Unclaimed;
    }

    public long Id { get; private set; }
    public long PacketId { get; private set; }
    public int Seq { get; private set; }
    public long AmountCents { get; private set; }
    public ShareStatus Status { get; private set; }
    public string? ReceiverUserId { get; private set; }
    public DateTimeOffset? ClaimedAt { get; private set; }

    internal void ClaimBy(string receiverUserId, DateTimeOffset at)
    {
        if (Status != ShareStatus.Unclaimed) throw new InvalidOperationException($"Share {Seq} is {Status}.");
        Status = ShareStatus.Claimed;
        ReceiverUserId = receiverUserId;
        ClaimedAt = at;
    }

    internal void MarkRefunded()
    {
        if (Status != ShareStatus.Unclaimed) throw new InvalidOperationException($"Share {Seq} is {Status}.");
        Status = ShareStatus.Refunded;
    }
}
