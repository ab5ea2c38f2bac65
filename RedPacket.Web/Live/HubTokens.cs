using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;

namespace RedPacket.Web.Live;

/// <summary>
/// The tokens a circuit mints for its own hub connection. They belong to a bearer scheme of their own, so they are
/// sealed under another data-protection purpose than the API's tokens: the API's scheme cannot read them (401) even
/// when someone strips the prefix. They live <see cref="Lifetime"/> (a hub connection is authenticated once, when it
/// connects; a reconnect mints a new one), and are read on <c>/hubs</c> only. The prefix only routes a token to this
/// scheme; the purpose is what keeps it out of the API.
/// </summary>
public static class HubTokens
{
    public const string Scheme = "HubBearer";
    public const string Prefix = "hub.";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public static string Mint(BearerTokenOptions options, ClaimsPrincipal user, DateTimeOffset now) =>
        Prefix + BearerTokens.Protect(options, user, now, now + Lifetime, Scheme);

    /// <summary>A bearer token sent to a hub: in the Authorization header, or (browsers cannot set a WebSocket's headers) the query.</summary>
    public static string? OnHubPath(HttpRequest request)
    {
        if (!request.Path.StartsWithSegments("/hubs")) return null;
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        return request.Query["access_token"] is { Count: > 0 } query ? query.ToString() : null;
    }

    public static bool IsHubToken(HttpRequest request) => OnHubPath(request)?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>The scheme's OnMessageReceived: only a prefixed token on a hub path is looked at.</summary>
    public static Task ReadToken(MessageReceivedContext context)
    {
        if (OnHubPath(context.Request) is { } token && token.StartsWith(Prefix, StringComparison.Ordinal))
            context.Token = token[Prefix.Length..];
        else
            context.NoResult();
        return Task.CompletedTask;
    }
}
