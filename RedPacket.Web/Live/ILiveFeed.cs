using RedPacket.Domain.Packets.Events;

namespace RedPacket.Web.Live;

/// <summary>What a page watches: the events of one chat group, and nudges that the signed-in user's balance moved.</summary>
public interface ILiveFeed
{
    Task<IAsyncDisposable> WatchGroupAsync(long groupId, Func<GroupEvent, Task> onEvent);

    Task<IAsyncDisposable> WatchBalanceAsync(Func<Task> onChange);
}
