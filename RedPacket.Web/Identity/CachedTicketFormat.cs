using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace RedPacket.Web.Identity;

/// <summary>
/// The API's bearer tokens are opaque and sealed: reading one is key derivation, AES and HMAC, about a quarter of a late
/// tap's CPU when every tap brings its token. This reads each token once and keeps the result in memory (bounded by
/// <see cref="MaxTokens"/>, and never past the token's own expiry). Safe: a token can only be what it was sealed as, and
/// nothing about it is decided here that a later read would decide otherwise. The expiry is still checked by the
/// bearer handler on every request, and a sign-out still voids the token on every request (<see cref="SignInChecks"/>,
/// which reads the user, never writes into the shared ticket).
/// </summary>
public sealed class CachedTicketFormat(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock) : ISecureDataFormat<AuthenticationTicket>, IDisposable
{
    public const int MaxTokens = 100_000;

    private readonly MemoryCache _read = new(new MemoryCacheOptions { SizeLimit = MaxTokens });

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null) return inner.Unprotect(protectedText, purpose);
        if (_read.TryGetValue(protectedText, out AuthenticationTicket? known)) return known;
        var ticket = inner.Unprotect(protectedText);
        // Only good tokens are kept: garbage would only fill the cache for whoever sends it.
        if (ticket?.Properties.ExpiresUtc is { } expires && expires > clock.GetUtcNow())
            _read.Set(protectedText, ticket, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = expires - clock.GetUtcNow() });
        return ticket;
    }

    public void Dispose() => _read.Dispose();
}
