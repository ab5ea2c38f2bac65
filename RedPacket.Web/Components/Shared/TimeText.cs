using System.Globalization;

namespace RedPacket.Web.Components.Shared;

/// <summary>
/// The one rule for showing a moment, so every screen agrees: the culture's short time for today ("17:33", "5:33 PM"),
/// its short date and time before that ("2026/12/4 17:33", "12/4/2026 5:33 PM"), and, for audit tables, its date and
/// time with seconds ("2026/12/4 17:33:18"). "Today" is the viewer's day, in their own zone.
/// </summary>
public static class TimeText
{
    public static string Format(DateTimeOffset value, DateTimeOffset now, TimeZoneInfo zone, bool exact = false)
    {
        var local = TimeZoneInfo.ConvertTime(value, zone);
        if (exact) return local.ToString("G", CultureInfo.CurrentCulture);
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        return local.ToString(local.Date == today ? "t" : "g", CultureInfo.CurrentCulture);
    }
}
