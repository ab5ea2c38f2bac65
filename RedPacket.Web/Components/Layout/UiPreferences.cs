namespace RedPacket.Web.Components.Layout;

/// <summary>
/// Dark mode and the drawer, kept in cookies (written by <c>redpacket.setPref</c> in app.js) rather than localStorage so
/// the server renders the first paint right, the static sign-in pages included. Carried from the prerender into the
/// circuit as persistent component state, since a circuit has no HttpContext to read them from.
/// </summary>
public sealed class UiPreferences
{
    public const string DarkCookie = "rp-dark";
    public const string DrawerCookie = "rp-drawer";

    public bool Dark { get; set; }
    public bool DrawerOpen { get; set; } = true;

    public static UiPreferences From(IRequestCookieCollection? cookies) => new()
    {
        Dark = cookies?[DarkCookie] == "1",
        DrawerOpen = cookies?[DrawerCookie] != "0",
    };
}
