using RedPacket.Domain.Chat;

namespace RedPacket.Web.Components.Chat;

/// <summary>One line of the timeline: a message (text or packet bubble) or a notice only the viewer sees.</summary>
public sealed record TimelineEntry(ChatItem? Item, ChatNotice? Notice)
{
    public DateTimeOffset At => Item?.At ?? Notice!.At;

    /// <summary>Stable across re-renders, for <c>@key</c>.</summary>
    public string Key => Item is { } i ? $"m{i.MessageId}" : $"n{(int)Notice!.Kind}-{Notice.PacketId}-{Notice.OtherUserName}";
}
