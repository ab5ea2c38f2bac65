using Microsoft.AspNetCore.Identity;

namespace RedPacket.Web.Identity;

/// <summary>A person who signs in. Their money lives in the domain's account with the same id.</summary>
public sealed class AppUser : IdentityUser
{
    public const string AdminRole = "admin";
}
