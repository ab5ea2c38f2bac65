using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;

namespace RedPacket.Web.Live;

/// <summary>Seals a principal into a bearer token exactly as the token endpoint does (ASP.NET's opaque data-protected format).</summary>
public static class BearerTokens
{
    public static string Protect(BearerTokenOptions options, ClaimsPrincipal user, DateTimeOffset issuedAt, DateTimeOffset expiresAt) =>
        Protect(options, user, issuedAt, expiresAt, IdentityConstants.BearerScheme);

    /// <param name="options">The options of the scheme that must read the token: its protector is that scheme's own.</param>
    /// <param name="issuedAt">On the clock that judges the token: a sign-out voids the tokens issued before it (TokenRevocations).</param>
    public static string Protect(BearerTokenOptions options, ClaimsPrincipal user, DateTimeOffset issuedAt, DateTimeOffset expiresAt, string scheme)
    {
        var ticket = new AuthenticationTicket(user, scheme);
        ticket.Properties.ExpiresUtc = expiresAt;
        ticket.Properties.IssuedUtc = issuedAt;
        return options.BearerTokenProtector.Protect(ticket);
    }
}
