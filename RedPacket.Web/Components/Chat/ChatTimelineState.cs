using RedPacket.Domain.Chat;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Events;

namespace RedPacket.Web.Components.Chat;

/// <summary>
/// What the chat page shows, and how each live event changes it. Plain C# so every rule is tested without a browser:
/// the page owns one instance and one hub subscription, and its children only render what it holds.
/// </summary>
public sealed class ChatTimelineState(string viewerUserId, TimeProvider clock)
{
    private readonly List<ChatItem> _items = [];
    private readonly List<ChatNotice> _notices = [];

    public string ViewerUserId => viewerUserId;
    public IReadOnlyList<ChatItem> Items => _items;
    public IReadOnlyList<ChatNotice> Notices => _notices;

    /// <summary>Replaces everything with a fresh page of history and the viewer's notices since its first message.</summary>
    public void Reset(IEnumerable<ChatItem> items, IEnumerable<ChatNotice> notices)
    {
        _items.Clear();
        _items.AddRange(items);
        _notices.Clear();
        foreach (var n in notices) AddNotice(n);
    }

    /// <summary>Older messages (and their notices) above the ones shown.</summary>
    public void Prepend(IReadOnlyList<ChatItem> older, IEnumerable<ChatNotice> notices)
    {
        _items.InsertRange(0, older.Where(o => _items.All(i => i.MessageId != o.MessageId)));
        foreach (var n in notices) AddNotice(n);
    }

    public bool Add(ChatItem item)
    {
        if (_items.Any(i => i.MessageId == item.MessageId)) return false;
        _items.Add(item);
        return true;
    }

    /// <summary>Messages and notices in time order; a notice never sits above the packet it speaks of.</summary>
    public IReadOnlyList<TimelineEntry> Entries()
    {
        var first = _items.Count > 0 ? _items[0].At : DateTimeOffset.MinValue;
        var notices = _notices.Where(n => n.At >= first).OrderBy(n => n.At).ToList();
        var foldedInto = FoldFullyTaken(notices);
        var entries = new List<TimelineEntry>(_items.Count + notices.Count);
        var next = 0;
        TimelineEntry NoticeEntry(ChatNotice n) => new(null, n, foldedInto.Contains(n));
        foreach (var item in _items)
        {
            while (next < notices.Count && notices[next].At < item.At && !IsAbout(item, notices[next].PacketId)) entries.Add(NoticeEntry(notices[next++]));
            entries.Add(new(item, null));
        }
        entries.AddRange(notices.Skip(next).Select(NoticeEntry));
        return entries;
    }

    /// <summary>
    /// "Your red packet has been fully taken" joins the packet's last "opened" notice instead of standing as a line of its
    /// own: takes the folded notices out of <paramref name="notices"/> and answers the ones that now say both. A packet
    /// whose claims are not shown (older than the page) keeps its own line.
    /// </summary>
    private static HashSet<ChatNotice> FoldFullyTaken(List<ChatNotice> notices)
    {
        var folded = new HashSet<ChatNotice>();
        foreach (var taken in notices.Where(n => n.Kind == NoticeKind.FullyTaken).ToList())
            if (notices.LastOrDefault(n => n.Kind == NoticeKind.Opened && n.PacketId == taken.PacketId) is { } last)
            {
                folded.Add(last);
                notices.Remove(taken);
            }
        return folded;
    }

    private static bool IsAbout(ChatItem item, long packetId) => item.Packet?.PacketId == packetId;

    public RedPacket.Domain.Transfers.TransferView? TransferCard(long transferId) =>
        _items.Select(i => i.Transfer).FirstOrDefault(t => t?.TransferId == transferId);

    public PacketBubbleView? Bubble(long packetId) => _items.Select(i => i.Packet).FirstOrDefault(p => p?.PacketId == packetId);

    public ChatItem? ItemOf(long packetId) => _items.FirstOrDefault(i => i.Packet?.PacketId == packetId);

    /// <summary>Applies a live event. Answers what the page must do beyond re-rendering.</summary>
    public LiveChange Apply(GroupEvent e)
    {
        switch (e)
        {
            case MessagePosted m:
                return Add(new ChatItem(m.MessageId, m.GroupId, m.SenderUserId, m.SenderName, ChatMessageKind.Text, m.Text, null, m.At))
                    ? LiveChange.NewMessage : LiveChange.None;
            case PacketSent s:
                // The bubble's message id is only in the history: the page reloads the tail, keeping the server's order.
                return Bubble(s.PacketId) is null ? LiveChange.ReloadTail : LiveChange.None;
            case PacketClaimed c:
                return Change(c.PacketId, b => b with { RemainingCount = Math.Min(b.RemainingCount, c.RemainingCount) });
            case PacketOpened o when o.SenderUserId == viewerUserId:
                return AddNotice(new ChatNotice(NoticeKind.Opened, o.GroupId, o.PacketId, GreetingOf(o.PacketId), o.ClaimerName, o.AmountCents, o.At))
                    ? LiveChange.NewMessage : LiveChange.None;
            case PacketSoldOut so:
                Change(so.PacketId, b => b with { RemainingCount = 0, Status = PacketStatus.SoldOut });
                return ItemOf(so.PacketId)?.SenderUserId == viewerUserId
                    && AddNotice(new ChatNotice(NoticeKind.FullyTaken, so.GroupId, so.PacketId, GreetingOf(so.PacketId), null, 0, clock.GetUtcNow()))
                    ? LiveChange.FullyTaken : LiveChange.Rerender;
            case RedPacket.Domain.Transfers.TransferChanged t:
                for (var i = 0; i < _items.Count; i++)
                    if (_items[i].Transfer is { } card && card.TransferId == t.TransferId)
                    {
                        _items[i] = _items[i] with { Transfer = card with { Status = t.Status, Expired = t.Expired } };
                        return LiveChange.Rerender;
                    }
                // A new card: its message id is only in the history, as for a packet.
                return LiveChange.ReloadTail;
            case PacketRefunded r:
                Change(r.PacketId, b => b with { Status = PacketStatus.Refunded });
                return r.SenderUserId == viewerUserId
                    && AddNotice(new ChatNotice(NoticeKind.CameBack, r.GroupId, r.PacketId, GreetingOf(r.PacketId), null, r.AmountCents, clock.GetUtcNow()))
                    ? LiveChange.NewMessage : LiveChange.Rerender;
            default:
                return LiveChange.None;
        }
    }

    /// <summary>What the viewer's own grab taught us, before any hub event about it arrives.</summary>
    public void Grabbed(long packetId, long amountCents, int remainingCount) =>
        Change(packetId, b => b with { MyAmountCents = amountCents, RemainingCount = Math.Min(b.RemainingCount, remainingCount) });

    private LiveChange Change(long packetId, Func<PacketBubbleView, PacketBubbleView> change)
    {
        var changed = false;
        for (var i = 0; i < _items.Count; i++)
            if (_items[i].Packet is { } b && b.PacketId == packetId)
            {
                _items[i] = _items[i] with { Packet = change(b) };
                changed = true;
            }
        return changed ? LiveChange.Rerender : LiveChange.None;
    }

    private string GreetingOf(long packetId) => Bubble(packetId)?.Greeting ?? "";

    // One notice per claim (a user claims a packet once), one "fully taken" and one "came back" per packet.
    private bool AddNotice(ChatNotice notice)
    {
        if (_notices.Any(n => n.Kind == notice.Kind && n.PacketId == notice.PacketId && n.OtherUserName == notice.OtherUserName)) return false;
        _notices.Add(notice);
        return true;
    }
}

/// <summary>What a live event asks of the page.</summary>
public enum LiveChange
{
    /// <summary>Nothing shown changed.</summary>
    None,
    /// <summary>Something shown changed in place.</summary>
    Rerender,
    /// <summary>A line was added at the bottom: follow it, or show the "new messages" chip.</summary>
    NewMessage,
    /// <summary>The viewer's packet was fully taken: a new line and a toast.</summary>
    FullyTaken,
    /// <summary>A packet appeared that only the history can place.</summary>
    ReloadTail,
}
