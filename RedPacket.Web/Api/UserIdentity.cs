using System.Security.Claims;

namespace RedPacket.Web.Api;

public static class UserIdentity
{
    /// <summary>The signed-in user's id: the only user an endpoint ever acts for.</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in.");
}
