using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
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
/// the same work for a user name that exists and one that does not. A device the user signed in from before
/// (<see cref="KnownDevices"/>) skips the budgets strangers share and the lockout back-off, and has a budget of its own.
/// </summary>
public sealed class PasswordSignIn(UserManager<AppUser> users, SignInManager<AppUser> signIn, SignInThrottle throttle,
    KnownDevices devices, DummyPassword dummy, IOptions<IdentityOptions> identity, TimeProvider clock)
{
    /// <param name="deviceToken">The device token an API client sent back; a browser's comes in its cookie.</param>
    public async Task<SignInAttempt> CheckAsync(string? userName, string? password, HttpContext http, string? deviceToken = null)
    {
        userName ??= "";
        password ??= "";
        deviceToken ??= KnownDevices.FromCookie(http);
        if (deviceToken is not null && await users.FindByNameAsync(userName) is { } known && devices.Recognizes(deviceToken, known))
            return await CheckFromKnownDeviceAsync(known, password, deviceToken);

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
        if (result.IsLockedOut) return new(SignInVerdict.Throttled, RetryAfter: await LockedForAsync(user));
        return new(SignInVerdict.Refused);
    }

    private async Task<SignInAttempt> CheckFromKnownDeviceAsync(AppUser user, string password, string deviceToken)
    {
        var key = KnownDevices.KeyOf(deviceToken);
        var budget = await throttle.TryDeviceAsync(key);
        if (!budget.Allowed) return new(SignInVerdict.Throttled, RetryAfter: budget.RetryAfter);
        // The back-off that failures elsewhere set is for strangers; a lock longer than it was set on purpose (an admin's).
        if (await LockedForAsync(user) > identity.Value.Lockout.DefaultLockoutTimeSpan)
            return new(SignInVerdict.Throttled, RetryAfter: await LockedForAsync(user));
        if (!await users.CheckPasswordAsync(user, password)) return new(SignInVerdict.Refused);
        await throttle.DeviceSucceededAsync(budget, key);
        return new(SignInVerdict.SignedIn, user);
    }

    private async Task<TimeSpan> LockedForAsync(AppUser user) =>
        await users.GetLockoutEndDateAsync(user) is { } end && end > clock.GetUtcNow() ? end - clock.GetUtcNow() : TimeSpan.Zero;
}
