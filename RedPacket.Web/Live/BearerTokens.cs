using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;

namespace RedPacket.Web.Live;

/// <summary>Seals a principal into a bearer token exactly as the token endpoint does (ASP.NET's opaque data-protected format).</summary>
public static class BearerTokens
{
    public static string Protect(BearerTokenOptions options, ClaimsPrincipal user, DateTimeOffset expiresAt) =>
        Protect(options, user, expiresAt, IdentityConstants.BearerScheme);

    /// <param name="options">The options of the scheme that must read the token: its protector is that scheme's own.</param>
    public static string Protect(BearerTokenOptions options, ClaimsPrincipal user, DateTimeOffset expiresAt, string scheme)
    {
        var ticket = new AuthenticationTicket(user, scheme);
        ticket.Properties.ExpiresUtc = expiresAt;
        return options.BearerTokenProtector.Protect(ticket);
    }
}
