using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace RedPacket.Web.Identity;

/// <summary>
/// Right after authentication: a bearer token voided by a sign-out signs nobody in; and the sign-in's expiry goes with
/// the user as a claim (<see cref="ExpiresClaim"/>), for connections that outlive the request (a hub's, whose later
/// HTTP contexts do not carry the authentication result).
/// </summary>
public static class SignInChecks
{
    public const string ExpiresClaim = "redpacket:sign-in-expires";

    public static IApplicationBuilder UseSignInChecks(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var result = http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult;
        if (result is { Succeeded: true, Ticket.AuthenticationScheme: var scheme })
        {
            if (scheme == IdentityConstants.BearerScheme
                && http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
                && http.RequestServices.GetRequiredService<TokenRevocations>().IsRevoked(userId, result.Properties?.IssuedUtc))
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
            else if (http.Request.Path.StartsWithSegments("/hubs") && result.Properties?.ExpiresUtc is { } expires
                     && http.User.Identity is ClaimsIdentity identity)
            {
                // A copy: the ticket behind http.User may be shared by every request with the same token (CachedTicketFormat).
                var noted = identity.Clone();
                noted.AddClaim(new Claim(ExpiresClaim, expires.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
                http.User = new ClaimsPrincipal(noted);
            }
        }
        await next(http);
    });

    /// <summary>When the sign-in of <paramref name="user"/> expires, if the request that authenticated it said.</summary>
    public static DateTimeOffset? ExpiresOf(ClaimsPrincipal? user) =>
        long.TryParse(user?.FindFirstValue(ExpiresClaim), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
