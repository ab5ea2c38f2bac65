using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RedPacket.Web.Live;

/// <summary>
/// Mints a short bearer token for the circuit's signed-in user, so the circuit can connect to the hub
/// as that user (a server-side connection carries no browser cookie).
/// </summary>
public sealed class BearerTokenMinter(AuthenticationStateProvider auth, IOptionsMonitor<BearerTokenOptions> options, TimeProvider clock)
{
    public async Task<string?> MintAsync()
    {
        var user = (await auth.GetAuthenticationStateAsync()).User;
        if (user.Identity?.IsAuthenticated != true) return null;
        var o = options.Get(IdentityConstants.BearerScheme);
        return BearerTokens.Protect(o, user, clock.GetUtcNow() + o.BearerTokenExpiration);
    }
}
