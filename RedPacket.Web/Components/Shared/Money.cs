using System.Globalization;

namespace RedPacket.Web.Components.Shared;

/// <summary>Cents for the books, yuan for people: the only place the two meet.</summary>
public static class Money
{
    /// <summary>"¥12.34", and "-¥12.34" for money going out.</summary>
    public static string Yuan(long cents) =>
        (cents < 0 ? "-¥" : "¥") + (Math.Abs((decimal)cents) / 100m).ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>Parses "10", "10.5" or "10.05" yuan into cents; null for anything else (three decimals, letters, negatives).</summary>
    public static long? ParseYuan(string? text)
    {
        text = text?.Trim().TrimStart('¥');
        if (string.IsNullOrEmpty(text) || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan))
            return null;
        var cents = yuan * 100m;
        if (cents != decimal.Truncate(cents) || cents > long.MaxValue) return null;
        return (long)cents;
    }
}
