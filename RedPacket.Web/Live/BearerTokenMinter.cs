using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace RedPacket.Web.Live;

/// <summary>
/// Mints a hub token (<see cref="HubTokens"/>: minutes long, refused by the API) for the circuit's signed-in user, so
/// the circuit can connect to the hub as that user (a server-side connection carries no browser cookie). Called at
/// every (re)connect; once the circuit's user is gone (<see cref="Identity.CircuitRevalidation"/>) it mints nothing.
/// </summary>
public sealed class BearerTokenMinter(AuthenticationStateProvider auth, IOptionsMonitor<BearerTokenOptions> options, TimeProvider clock)
{
    public async Task<string?> MintAsync()
    {
        var user = (await auth.GetAuthenticationStateAsync()).User;
        if (user.Identity?.IsAuthenticated != true) return null;
        return HubTokens.Mint(options.Get(HubTokens.Scheme), user, clock.GetUtcNow());
    }
}
