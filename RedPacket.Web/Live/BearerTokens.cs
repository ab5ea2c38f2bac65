using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;

namespace RedPacket.Web.Live;

/// <summary>Seals a principal into a bearer token exactly as the token endpoint does (ASP.NET's opaque data-protected format).</summary>
public static class BearerTokens
{
    public static string Protect(BearerTokenOptions options, ClaimsPrincipal user, DateTimeOffset expiresAt)
    {
        var ticket = new AuthenticationTicket(user, IdentityConstants.BearerScheme);
        ticket.Properties.ExpiresUtc = expiresAt;
        return options.BearerTokenProtector.Protect(ticket);
    }
}
