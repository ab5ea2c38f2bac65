using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace RedPacket.Web.Identity;

/// <summary>
/// Sends a persistent cookie's lifetime as <c>Max-Age</c> (a duration) instead of <c>Expires</c> (a moment on this
/// server's clock). The browser judges <c>Expires</c> on its own clock, so a server whose clock is behind the browser's
/// would set cookies the browser drops at once, and one ahead would set cookies that outlive their ticket. The ticket
/// inside keeps its own expiry, judged by the server that issued it.
/// </summary>
public sealed class RelativeExpiryCookieManager(ICookieManager inner, CookieAuthenticationOptions options) : ICookieManager
{
    public string? GetRequestCookie(HttpContext context, string key) => inner.GetRequestCookie(context, key);

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions cookie)
    {
        if (cookie.Expires is { } expires)
        {
            var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
            cookie = new CookieOptions(cookie) { Expires = null, MaxAge = expires > now ? expires - now : TimeSpan.Zero };
        }
        inner.AppendResponseCookie(context, key, value, cookie);
    }

    public void DeleteCookie(HttpContext context, string key, CookieOptions cookie) => inner.DeleteCookie(context, key, cookie);
}
