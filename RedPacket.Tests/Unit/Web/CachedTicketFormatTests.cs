using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Time.Testing;
using RedPacket.Web.Identity;

namespace RedPacket.Tests.Unit.Web;

public sealed class CachedTicketFormatTests
{
    /// <summary>A sealed format that counts its (expensive) reads.</summary>
    private sealed class CountingFormat(DateTimeOffset expires) : ISecureDataFormat<AuthenticationTicket>
    {
        public int Reads;
        public string Protect(AuthenticationTicket data) => "token";
        public string Protect(AuthenticationTicket data, string? purpose) => "token";
        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Reads++;
            if (!protectedText!.StartsWith("good", StringComparison.Ordinal)) return null;
            var ticket = new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, protectedText)], "t")), "t");
            ticket.Properties.ExpiresUtc = expires;
            return ticket;
        }
    }

    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Unprotect_SameTokenAgain_ReadOnce()
    {
        var inner = new CountingFormat(Clock.GetUtcNow().AddHours(1));
        using var cached = new CachedTicketFormat(inner, Clock);

        var first = cached.Unprotect("good-1");
        var again = cached.Unprotect("good-1");
        var other = cached.Unprotect("good-2");

        Assert.Same(first, again);
        Assert.Equal("good-2", other!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal(2, inner.Reads);
    }

    [Fact]
    public void Unprotect_GarbageOrExpired_NeverKept()
    {
        var expired = new CountingFormat(Clock.GetUtcNow().AddMinutes(-1));
        using var cached = new CachedTicketFormat(expired, Clock);

        Assert.Null(cached.Unprotect("bad"));
        Assert.Null(cached.Unprotect("bad"));
        cached.Unprotect("good-old");
        cached.Unprotect("good-old");

        Assert.Equal(4, expired.Reads); // each read again: nothing worth keeping
    }
}
