using RedPacket.Domain.Chat;

namespace RedPacket.Web.Components.Chat;

/// <summary>
/// One line of the timeline: a message (text or packet bubble) or a notice only the viewer sees. <paramref name="AllTaken"/>
/// marks the last "opened" notice of a packet that is now fully taken, which says both in one line, as WeChat does.
/// </summary>
public sealed record TimelineEntry(ChatItem? Item, ChatNotice? Notice, bool AllTaken = false)
{
    public DateTimeOffset At => Item?.At ?? Notice!.At;

    /// <summary>Stable across re-renders, for <c>@key</c>.</summary>
    public string Key => Item is { } i ? $"m{i.MessageId}" : $"n{(int)Notice!.Kind}-{Notice.PacketId}-{Notice.OtherUserName}";
}
