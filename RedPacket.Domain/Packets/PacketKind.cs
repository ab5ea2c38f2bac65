namespace RedPacket.Domain.Packets;

/// <summary>Lucky packets split at random; fixed packets split evenly; an exclusive packet (专属红包) is one share that
/// only its chosen recipient can open; a password packet (口令红包, QQ style) splits at random and opens for a member who
/// sends its phrase.</summary>
public enum PacketKind { Lucky = 1, Fixed = 2, Exclusive = 3, Password = 4 }

public enum PacketStatus { Open = 1, SoldOut = 2, Refunded = 3 }

public enum ShareStatus { Unclaimed = 1, Claimed = 2, Refunded = 3 }
