using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;

namespace RedPacket.Web.Live;

/// <summary>Seals a principal into a bearer token exactly as the token endpoint does (ASP.NET's opaque data-protected format).</summary>
public static class BearerTokens
{
    /// <param name="options">The API bearer scheme's options: its protector seals the token.</param>
    /// <param name="issuedAt">On the clock that judges the token: a sign-out voids the tokens issued before it (TokenRevocations).</param>
    public static string Protect(BearerTokenOptions options, ClaimsPrincipal user, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        var ticket = new AuthenticationTicket(user, IdentityConstants.BearerScheme);
        ticket.Properties.ExpiresUtc = expiresAt;
        ticket.Properties.IssuedUtc = issuedAt;
        return options.BearerTokenProtector.Protect(ticket);
    }
}
