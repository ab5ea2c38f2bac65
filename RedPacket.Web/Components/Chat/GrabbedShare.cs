namespace RedPacket.Web.Components.Chat;

/// <summary>What the viewer's own grab got, for the page to show before the hub says so.</summary>
public sealed record GrabbedShare(long PacketId, long AmountCents, int RemainingCount);
