namespace RedPacket.Domain.Packets;

/// <summary>Lucky packets split at random; fixed packets split evenly; an exclusive packet (专属红包) is one share that
/// only its chosen recipient can open.</summary>
public enum PacketKind { Lucky = 1, Fixed = 2, Exclusive = 3 }

public enum PacketStatus { Open = 1, SoldOut = 2, Refunded = 3 }

public enum ShareStatus { Unclaimed = 1, Claimed = 2, Refunded = 3 }
