using RedPacket.Domain.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RedPacket.Web.Api.RateLimiting;
using RedPacket.Web.Identity;
using RedPacket.Web.Identity.SignIn;

namespace RedPacket.Web.Api;

public sealed record RegisterRequest(string UserName, string Password);
/// <param name="DeviceToken">The <c>deviceToken</c> of an earlier token answer: a known device gets in while strangers are throttled.</param>
public sealed record TokenRequest(string UserName, string Password, string? DeviceToken = null);

/// <summary>A bearer token for <c>Authorization: Bearer</c>, and this device's token for the next sign-in.</summary>
public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string DeviceToken);
public sealed record RegisteredUser(string UserName, long BalanceCents);
public sealed record CsrfToken(string HeaderName, string RequestToken);

public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Auth");
        api.MapPost("/register", Register).WithName("Register").WithSummary("Creates a user (demo mode credits a starting balance).")
            .Problems(ErrorCodes.InvalidRequest, DomainProblemMapping.InvalidPassword, DomainProblemMapping.RegistrationClosed,
                DomainProblemMapping.UserExists, ErrorCodes.TooLarge, DomainProblemMapping.RateLimited, ErrorCodes.Unavailable);
        api.MapPost("/token", Token).WithName("Token").WithSummary("Exchanges a user name and password for a bearer token.")
            .Problems(ErrorCodes.InvalidRequest, DomainProblemMapping.Unauthorized, ErrorCodes.TooLarge, DomainProblemMapping.RateLimited,
                ErrorCodes.Unavailable);
        api.MapPost("/logout", Logout).WithName("Logout").RequireAuthorization().AddEndpointFilter<CookieCsrfFilter>()
            .WithSummary("Signs out: every bearer token of the user issued until now stops working, on every node.")
            .SignedInProblems().Problems(DomainProblemMapping.Csrf);
        api.MapGet("/csrf", Csrf).WithName("Csrf").WithSummary("The antiforgery token cookie-authenticated calls must send.");
        return api;
    }

    public static async Task<Results<Created<RegisteredUser>, ProblemHttpResult>> Register(
        RegisterRequest body, UserRegistration registration, IOptions<RegistrationOptions> options, SignInThrottle throttle,
        RedPacket.Domain.Accounts.AccountService accounts, HttpContext http, CancellationToken ct)
    {
        if (!options.Value.Enabled)
            return DomainProblemMapping.Problem(DomainProblemMapping.RegistrationClosed, "Registration is closed.");
        if (await throttle.TryRegisterAsync(ClientAddress.Of(http)) is { Allowed: false } refused)
            return TooManyRequests.Problem(http, refused.RetryAfter, "Too many registrations from your address");
        var user = await registration.RegisterAsync(body.UserName, body.Password, ct: ct);
        var account = await accounts.FindAsync(user.Id, ct);
        return TypedResults.Created("/api/me", new RegisteredUser(user.UserName!, account!.BalanceCents));
    }

    /// <summary>
    /// Answers <c>{tokenType, accessToken, expiresIn, deviceToken}</c>: the access token is ASP.NET's opaque bearer token,
    /// sealed as its bearer scheme seals them; 401 for a wrong user name or password alike, 429 with Retry-After when
    /// throttled (<see cref="PasswordSignIn"/>).
    /// </summary>
    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Token(
        TokenRequest body, PasswordSignIn passwords, SignInManager<AppUser> signIn, KnownDevices devices,
        IOptionsMonitor<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions> bearer, TimeProvider clock, HttpContext http)
    {
        var attempt = await passwords.CheckAsync(body.UserName, body.Password, http, body.DeviceToken);
        switch (attempt.Verdict)
        {
            case SignInVerdict.SignedIn:
                var options = bearer.Get(IdentityConstants.BearerScheme);
                var principal = await signIn.CreateUserPrincipalAsync(attempt.User!);
                var now = clock.GetUtcNow();
                var token = Live.BearerTokens.Protect(options, principal, now, now + options.BearerTokenExpiration);
                return TypedResults.Ok(new TokenResponse("Bearer", token, (long)options.BearerTokenExpiration.TotalSeconds,
                    devices.Issue(attempt.User!)));
            case SignInVerdict.Throttled:
                return TooManyRequests.Problem(http, attempt.RetryAfter, "Too many sign-in attempts");
            default:
                return DomainProblemMapping.Problem(DomainProblemMapping.Unauthorized, "Wrong user name or password.");
        }
    }

    public static async Task<NoContent> Logout(ClaimsPrincipal user, TokenRevocations revocations)
    {
        await revocations.RevokeAsync(user.UserId());
        return TypedResults.NoContent();
    }

    public static Ok<CsrfToken> Csrf(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return TypedResults.Ok(new CsrfToken(CookieCsrfFilter.HeaderName, tokens.RequestToken!));
    }
}
