using System.Diagnostics;

namespace RedPacket.Domain.Observability;

/// <summary>
/// The app's own spans (exported through OpenTelemetry by the web host when a trace endpoint is configured).
/// One static source, as the runtime intends: listeners pick sources by name, and while nobody listens
/// <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null and costs next to nothing,
/// so callers set tags only through <c>activity?.</c>.
/// </summary>
public static class RedPacketActivities
{
    public const string SourceName = "RedPacket";

    public static readonly ActivitySource Source = new(SourceName);

    // Span and tag names, shared with the tests that read them.
    public const string Grab = "redpacket.grab";
    public const string SettleBatch = "redpacket.settle_batch";
    public const string PacketIdTag = "redpacket.packet_id";
    public const string OutcomeTag = "redpacket.outcome";
    public const string BatchSizeTag = "redpacket.batch_size";
}
