using System.Globalization;
using System.Text.RegularExpressions;

namespace RedPacket.Web.Components.Shared;

/// <summary>The invitation link <c>{base uri}join/{groupId}/{code}</c>: built for the invite dialog, read back when
/// someone pastes it into the join form instead of typing the id and the code.</summary>
public static partial class InviteLink
{
    public static string For(string baseUri, long groupId, string inviteCode) =>
        $"{baseUri.TrimEnd('/')}/join/{groupId}/{Uri.EscapeDataString(inviteCode)}";

    public static bool TryParse(string? text, out long groupId, out string inviteCode)
    {
        groupId = 0;
        inviteCode = "";
        if (text is null || LinkPattern().Match(text.Trim()) is not { Success: true } m
            || !long.TryParse(m.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out groupId))
            return false;
        inviteCode = Uri.UnescapeDataString(m.Groups["code"].Value);
        return true;
    }

    [GeneratedRegex(@"/join/(?<id>\d{1,18})/(?<code>[^/?#\s]+)")]
    private static partial Regex LinkPattern();
}
