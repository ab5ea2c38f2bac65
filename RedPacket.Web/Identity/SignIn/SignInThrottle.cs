using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using RedPacket.Web.Api;
using RedPacket.Web.Api.RateLimiting;

namespace RedPacket.Web.Identity.SignIn;

/// <summary>The permits one sign-in attempt took; a success gives them back.</summary>
public sealed record SignInPermit(RateDecision ByAddress, RateDecision ByUser, string AddressKey, string UserKey)
{
    public bool Allowed => ByAddress.Allowed && ByUser.Allowed;

    /// <summary>When every refusing budget lets the client try again.</summary>
    public TimeSpan RetryAfter => new[] { ByAddress, ByUser }.Where(d => !d.Allowed).Select(d => d.RetryAfter).DefaultIfEmpty().Max();
}

/// <summary>
/// The sign-in and registration budgets (<see cref="RateLimitOptions"/>), kept in Redis so every web node counts together.
/// <para>
/// Sign-ins count per client address, and per user name <em>from that address</em>. A budget per user name alone would
/// be the old lockout again: any group member sees everybody's user name and could spend the victim's budget every
/// window, keeping them out for good. Counted per address, a member only spends their own. Guessing one account from
/// many addresses is slowed by Identity's lockout instead (10 failures, then 1 minute: see IdentityRegistration), which
/// one address cannot reach, because its budget per user name is smaller than 10.
/// </para>
/// <para>
/// Only attempts that do not succeed use the budgets (a success gives its permits back), so a school or an office behind
/// one address can sign its people in, and a user with many devices is never throttled for knowing their password. The
/// permit is taken before the password is checked, so a thousand concurrent guesses are still counted one by one.
/// </para>
/// </summary>
public sealed class SignInThrottle(RedisRateLimiter limiter, IOptionsMonitor<RateLimitOptions> options)
{
    public const string AddressBucket = "signin-address";
    public const string UserBucket = "signin-user";
    public const string RegistrationBucket = "register-address";
    public const string DeviceBucket = "signin-device";

    public async Task<SignInPermit> TryEnterAsync(string userName, string address)
    {
        var o = options.CurrentValue;
        var userKey = $"{address}|{NameKey(userName)}";
        // Both counters in flight at once: one round trip's wait.
        var byAddress = limiter.TryAcquireAsync(AddressBucket, address, o.SignInsPerAddressPerWindow, o.SignInWindow);
        var byUser = limiter.TryAcquireAsync(UserBucket, userKey, o.SignInsPerUserPerWindow, o.SignInWindow);
        return new SignInPermit(await byAddress, await byUser, address, userKey);
    }

    /// <summary>The attempt succeeded: it does not count against the budgets.</summary>
    public async Task SucceededAsync(SignInPermit permit)
    {
        if (permit.ByAddress.Counted) await limiter.GiveBackAsync(AddressBucket, permit.AddressKey);
        if (permit.ByUser.Counted) await limiter.GiveBackAsync(UserBucket, permit.UserKey);
    }

    /// <summary>A known device's own budget of wrong passwords (a stolen device token does not buy unlimited guesses).</summary>
    public Task<RateDecision> TryDeviceAsync(string deviceKey)
    {
        var o = options.CurrentValue;
        return limiter.TryAcquireAsync(DeviceBucket, deviceKey, o.SignInsPerUserPerWindow, o.SignInWindow);
    }

    /// <summary>The known device's attempt succeeded: it does not count against its budget.</summary>
    public async Task DeviceSucceededAsync(RateDecision decision, string deviceKey)
    {
        if (decision.Counted) await limiter.GiveBackAsync(DeviceBucket, deviceKey);
    }

    /// <summary>Every registration counts, successful or not: each new user may come with demo credit.</summary>
    public Task<RateDecision> TryRegisterAsync(string address)
    {
        var o = options.CurrentValue;
        return limiter.TryAcquireAsync(RegistrationBucket, address, o.RegistrationsPerAddressPerWindow, o.RegistrationWindow);
    }

    /// <summary>
    /// Identity finds users by the upper-cased name, so "Alice" and "alice" share a budget. A name longer than any user's
    /// can be (anything a client sends is tried) is hashed, so a key stays short.
    /// </summary>
    public static string NameKey(string userName)
    {
        var name = userName.Trim().ToUpperInvariant();
        return name.Length <= 64 ? name : "#" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..32];
    }
}
