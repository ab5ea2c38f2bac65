using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace RedPacket.Web.Components.Shared;

/// <summary>
/// A person's generated avatar: the first letter of their name (the first character for Chinese names) on a colour
/// derived from their user id, so one person has one colour on every screen and every node. The colours all keep white
/// text at WCAG AA contrast (4.5:1 or better).
/// </summary>
public static class AvatarLook
{
    // Material 700-800 shades: each is at least 4.5:1 against white.
    private static readonly string[] Colours = ["#c62828", "#ad1457", "#6a1b9a", "#4527a0", "#1565c0", "#00695c", "#2e7d32", "#e65100", "#4e342e", "#37474f"];

    public static string ColourOf(string userId)
    {
        // FNV-1a: stable across processes and runs, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in userId) hash = (hash ^ c) * 16777619u;
        return Colours[hash % (uint)Colours.Length];
    }

    public static string InitialOf(string name)
    {
        var text = name.Trim();
        if (text.Length == 0) return "?";
        var first = StringInfo.GetNextTextElementLength(text);
        return text[..first].ToUpper(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The avatar as plain markup, for lists with a line per person (the chat timeline): no component instance per line,
    /// which on a page held open by thousands of circuits is memory kept per circuit.
    /// </summary>
    public static RenderFragment Markup(string userId, string name, string size = "m") => builder => Write(builder, userId, name, size);

    internal static void Write(RenderTreeBuilder builder, string userId, string name, string size)
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", $"rp-avatar rp-avatar-{size}");
        builder.AddAttribute(2, "style", $"background:{ColourOf(userId)}");
        builder.AddAttribute(3, "aria-hidden", "true");
        builder.AddAttribute(4, "data-testid", "avatar");
        builder.AddContent(5, InitialOf(name));
        builder.CloseElement();
    }
}
