namespace RedPacket.Web.Components.Layout;

/// <summary>
/// The <c>Sec-CH-Prefers-Color-Scheme</c> client hint: pages ask for it (<c>Accept-CH</c>), and <c>Critical-CH</c> makes
/// Chromium send the very first request again with it, so a browser that prefers dark gets a dark first paint instead of
/// a light page that flips. Browsers without client hints are asked from the circuit (<c>MainLayout</c>).
/// </summary>
public static class ColorSchemeHint
{
    public const string Header = "Sec-CH-Prefers-Color-Scheme";

    public static bool PrefersDark(HttpRequest? request) =>
        string.Equals(request?.Headers[Header].ToString().Trim('"'), "dark", StringComparison.OrdinalIgnoreCase);

    /// <summary>Asks for the hint on every response and says the answer depends on it (caches keep the two apart).</summary>
    public static IApplicationBuilder UseColorSchemeHint(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // Only a browser navigating to a page says it accepts HTML: API calls (the grab path, tens of thousands a second)
        // pay one header lookup here, not a response callback each.
        if (!context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal)) return next(context);
        context.Response.OnStarting(() =>
        {
            if (context.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true)
            {
                context.Response.Headers["Accept-CH"] = Header;
                context.Response.Headers["Critical-CH"] = Header;
                context.Response.Headers.Append("Vary", Header);
            }
            return Task.CompletedTask;
        });
        return next(context);
    });
}
