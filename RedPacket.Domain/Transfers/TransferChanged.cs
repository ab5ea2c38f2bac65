using RedPacket.Domain.Packets.Events;

namespace RedPacket.Domain.Transfers;

/// <summary>A transfer was made, accepted or returned: the chat's card follows it live, and the one whose money moved
/// hears of their balance (the sender when it is made or returned, the recipient when accepted).</summary>
public sealed record TransferChanged(long GroupId, long TransferId, string FromUserId, string ToUserId, long AmountCents,
    TransferStatus Status, bool Expired) : GroupEvent(GroupId)
{
    /// <summary>Whose balance this change moved.</summary>
    public string MovedUserId => Status == TransferStatus.Accepted ? ToUserId : FromUserId;
}
