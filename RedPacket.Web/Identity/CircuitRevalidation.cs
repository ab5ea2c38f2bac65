using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RedPacket.Web.Identity;

/// <summary>
/// A Blazor circuit keeps the user it started with for as long as the tab stays open. This checks that user again every
/// <see cref="Interval"/>: signed out everywhere (security stamp changed), locked out, demoted or promoted (roles
/// changed), or deleted, and the circuit's user becomes anonymous, so the pages stop acting for them and send the tab
/// to the sign-in page. Cookies are checked as often (SecurityStampValidatorOptions in IdentityRegistration), so the
/// tab does not come back to life on a reload.
/// </summary>
public sealed class CircuitRevalidation(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) =>
        IsStillValidAsync(state.User);

    public async Task<bool> IsStillValidAsync(ClaimsPrincipal principal)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || await users.IsLockedOutAsync(user)) return false;
        var claims = identity.Value.ClaimsIdentity;
        if (users.SupportsUserSecurityStamp && principal.FindFirstValue(claims.SecurityStampClaimType) != await users.GetSecurityStampAsync(user))
            return false;
        var roles = principal.FindAll(claims.RoleClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return roles.SetEquals(await users.GetRolesAsync(user));
    }
}
