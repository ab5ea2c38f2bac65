using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RedPacket.Web.Identity;

/// <summary>
/// Identity's user manager with the lockout on the app's <see cref="TimeProvider"/>. Identity 10 reads
/// <c>DateTimeOffset.UtcNow</c> for lockouts (it takes a TimeProvider from .NET 11 on, dotnet/aspnetcore#62796: delete
/// this class then); a lockout is business time, and the tests move the clock rather than wait a minute.
/// </summary>
public sealed class ClockedUserManager(IUserStore<AppUser> store, IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher, IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators, ILookupNormalizer keyNormalizer, IdentityErrorDescriber errors,
    IServiceProvider services, ILogger<UserManager<AppUser>> logger, TimeProvider clock)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<bool> IsLockedOutAsync(AppUser user) =>
        SupportsUserLockout && await GetLockoutEnabledAsync(user) && await GetLockoutEndDateAsync(user) is { } end && end >= clock.GetUtcNow();

    /// <summary>As Identity's: count the failure; at the threshold lock out for the configured span and start counting again.</summary>
    public override async Task<IdentityResult> AccessFailedAsync(AppUser user)
    {
        var lockouts = (IUserLockoutStore<AppUser>)Store;
        var count = await lockouts.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count >= Options.Lockout.MaxFailedAccessAttempts)
        {
            await lockouts.SetLockoutEndDateAsync(user, clock.GetUtcNow() + Options.Lockout.DefaultLockoutTimeSpan, CancellationToken);
            await lockouts.ResetAccessFailedCountAsync(user, CancellationToken);
        }
        return await UpdateUserAsync(user);
    }
}
