namespace RedPacket.Web.Components.Layout;

/// <summary>
/// Dark mode, kept in a cookie (written by <c>redpacket.setPref</c> in app.js) rather than localStorage so
/// the server renders the first paint right, the static sign-in pages included. Carried from the prerender into the
/// circuit as persistent component state, since a circuit has no HttpContext to read them from. Until the user presses
/// the switch, dark mode follows the browser's <c>prefers-color-scheme</c>: the server learns it from the
/// <c>Sec-CH-Prefers-Color-Scheme</c> client hint (asked for by <see cref="ColorSchemeHint"/>), and where a browser sends
/// no hint the circuit asks the browser once it is up (<c>MainLayout</c>).
/// </summary>
public sealed class UiPreferences
{
    public const string DarkCookie = "rp-dark";

    public bool Dark { get; set; }

    /// <summary>The user chose light or dark with the switch; otherwise the browser's scheme decides.</summary>
    public bool DarkChosen { get; set; }

    public static UiPreferences From(HttpRequest? request)
    {
        var chosen = request?.Cookies[DarkCookie];
        return new()
        {
            DarkChosen = chosen is "0" or "1",
            Dark = chosen is "0" or "1" ? chosen == "1" : ColorSchemeHint.PrefersDark(request),
        };
    }
}
