using Microsoft.AspNetCore.Identity;
using RedPacket.Web.Api.RateLimiting;

namespace RedPacket.Web.Identity.SignIn;

public enum SignInVerdict
{
    SignedIn,

    /// <summary>Wrong user name or password: one answer for both, so it does not tell which user names exist.</summary>
    Refused,

    /// <summary>Over a sign-in budget, or the account is in its lockout back-off: try again after the wait.</summary>
    Throttled,
}

public sealed record SignInAttempt(SignInVerdict Verdict, AppUser? User = null, TimeSpan RetryAfter = default);

/// <summary>
/// The one password check behind both sign-ins (the API's bearer token and the pages' cookie): the budgets first, then
/// the same work for a user name that exists and one that does not.
/// </summary>
public sealed class PasswordSignIn(UserManager<AppUser> users, SignInManager<AppUser> signIn, SignInThrottle throttle,
    DummyPassword dummy, TimeProvider clock)
{
    public async Task<SignInAttempt> CheckAsync(string? userName, string? password, HttpContext http)
    {
        userName ??= "";
        password ??= "";
        var permit = await throttle.TryEnterAsync(userName, ClientAddress.Of(http));
        if (!permit.Allowed) return new(SignInVerdict.Throttled, RetryAfter: permit.RetryAfter);

        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            dummy.Verify(password);
            return new(SignInVerdict.Refused);
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await throttle.SucceededAsync(permit);
            return new(SignInVerdict.SignedIn, user);
        }
        if (result.IsLockedOut)
            return new(SignInVerdict.Throttled, RetryAfter: (await users.GetLockoutEndDateAsync(user) ?? clock.GetUtcNow()) - clock.GetUtcNow());
        return new(SignInVerdict.Refused);
    }
}
