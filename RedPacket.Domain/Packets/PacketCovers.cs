namespace RedPacket.Domain.Packets;

/// <summary>
/// The built-in packet covers a sender can pick (drawn in CSS by the web app: no images to download or store). A packet
/// keeps the id of its cover; packets from before covers existed have the classic one.
/// </summary>
public static class PacketCovers
{
    public const string Classic = "classic";
    public const string Gold = "gold";
    public const string Lantern = "lantern";
    public const int MaxIdLength = 16;

    public static readonly IReadOnlyList<string> All = [Classic, Gold, Lantern];

    public static bool IsKnown(string? id) => id is not null && All.Contains(id);
}
