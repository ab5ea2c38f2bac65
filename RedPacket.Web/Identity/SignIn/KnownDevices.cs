using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace RedPacket.Web.Identity.SignIn;

/// <summary>
/// Device cookies (OWASP's answer to lockout abuse): a device that once signed a user in gets a sealed token naming that
/// user, as a long-lived cookie (browsers) or as <c>deviceToken</c> in the token answer (API clients send it back in their
/// next sign-in body). A correct password from a known device is let in even while strangers have throttled the user
/// name or tripped its lockout back-off; wrong passwords from it count against that device alone. Devices nobody knows
/// still meet the per-user and per-address budgets.
/// </summary>
public sealed class KnownDevices(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "redpacket.device";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    private readonly IDataProtector _protector = protection.CreateProtector("RedPacket.KnownDevice.v1");

    private sealed record Payload(string U, long E);

    /// <summary>A token for this device and user, good for <see cref="Lifetime"/> on the app's clock.</summary>
    public string Issue(AppUser user) =>
        _protector.Protect(JsonSerializer.Serialize(new Payload(user.Id, (clock.GetUtcNow() + Lifetime).ToUnixTimeSeconds())));

    /// <summary>Whether <paramref name="token"/> is one this app issued for <paramref name="user"/> and it has not expired.</summary>
    public bool Recognizes(string? token, AppUser user)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048) return false;
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(token));
            return payload is not null && payload.U == user.Id && payload.E > clock.GetUtcNow().ToUnixTimeSeconds();
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return false;
        }
    }

    /// <summary>A short key for the device's own failure budget (the token itself is long and secret).</summary>
    public static string KeyOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..32];

    public static string? FromCookie(HttpContext http) => http.Request.Cookies[CookieName];

    /// <summary>Remembers this browser; a lifetime sent as Max-Age (a duration), never as a moment of this server's clock.</summary>
    public void Remember(HttpContext http, AppUser user) =>
        http.Response.Cookies.Append(CookieName, Issue(user), new CookieOptions
        {
            MaxAge = Lifetime, HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps,
        });
}
