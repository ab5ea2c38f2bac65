using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RedPacket.Web.Identity.SignIn;

/// <summary>
/// A password hash that no password matches, made once by the same hasher (algorithm, iteration count) as the users'
/// hashes. A sign-in for a user name that does not exist checks the password against it, so it costs what a wrong
/// password of a real user costs, and the time of the answer does not tell which user names exist.
/// </summary>
public sealed class DummyPassword(IOptions<PasswordHasherOptions> hasherOptions)
{
    private static readonly AppUser Nobody = new();
    // Identity's default hasher, which the app uses (it registers no other).
    private readonly PasswordHasher<AppUser> _hasher = new(hasherOptions);
    private string? _hash;

    public void Verify(string password)
    {
        _hash ??= _hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        _ = _hasher.VerifyHashedPassword(Nobody, _hash, password);
    }
}
