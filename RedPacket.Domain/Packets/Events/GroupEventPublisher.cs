using Microsoft.Extensions.Logging;

namespace RedPacket.Domain.Packets.Events;

/// <summary>Fans an event out to every registered sink; a broken sink is logged, never thrown to the payer.</summary>
public sealed class GroupEventPublisher(IEnumerable<IGroupEventSink> sinks, ILogger<GroupEventPublisher> log)
{
    public async Task PublishAsync(GroupEvent e)
    {
        foreach (var sink in sinks)
        {
            try
            {
                await sink.PublishAsync(e);
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Publishing {Event} to group {GroupId} failed", e.GetType().Name, e.GroupId);
            }
        }
    }
}
