namespace RedPacket.Domain.Packets.Claiming;

/// <summary>
/// A user's grab budget held across every node, consulted by <see cref="PacketGrabber"/> just before a grab costs a
/// Redis claim (after the answers a node gives from memory). The web host's is counted in Redis; without one,
/// nothing is held back.
/// </summary>
public interface IGrabThrottle
{
    /// <summary>Null: go on. Otherwise how long until this user may grab again.</summary>
    ValueTask<TimeSpan?> HoldBackAsync(string userId);
}

internal sealed class NoGrabThrottle : IGrabThrottle
{
    public ValueTask<TimeSpan?> HoldBackAsync(string userId) => ValueTask.FromResult<TimeSpan?>(null);
}
