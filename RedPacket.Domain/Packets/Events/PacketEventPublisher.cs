using Microsoft.Extensions.Logging;

namespace RedPacket.Domain.Packets.Events;

/// <summary>Fans an event out to every registered sink; a broken sink is logged, never thrown to the payer.</summary>
public sealed class PacketEventPublisher(IEnumerable<IPacketEventSink> sinks, ILogger<PacketEventPublisher> log)
{
    public async Task PublishAsync(PacketEvent e)
    {
        foreach (var sink in sinks)
        {
            try
            {
                await sink.PublishAsync(e);
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Publishing {Event} for packet {PacketId} failed", e.GetType().Name, e.PacketId);
            }
        }
    }
}
