using System.Globalization;

namespace RedPacket.Domain.Common;

/// <summary>
/// Limits on text people type are counted in what they see as characters: text elements, so an emoji, a flag, a
/// family emoji or a letter with its accents each count as one (a family emoji is 11 UTF-16 units, with skin tones 19). The columns
/// store up to <see cref="StoredPerElement"/> UTF-16 units per allowed element (utf8mb4, so 4-byte characters are
/// stored intact), which bounds what a crafted string of combining marks can make us store.
/// </summary>
public static class TextLimits
{
    public const int StoredPerElement = 16;

    public static int Elements(string text) => new StringInfo(text).LengthInTextElements;

    public static bool Fits(string text, int minElements, int maxElements) =>
        text.Length <= StoredLength(maxElements) && Elements(text) is var n && n >= minElements && n <= maxElements;

    /// <summary>The column length that holds <paramref name="maxElements"/> elements.</summary>
    public static int StoredLength(int maxElements) => maxElements * StoredPerElement;
}
