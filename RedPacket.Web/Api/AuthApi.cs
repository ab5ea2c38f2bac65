using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RedPacket.Web.Identity;

namespace RedPacket.Web.Api;

public sealed record RegisterRequest(string UserName, string Password);
public sealed record TokenRequest(string UserName, string Password);
public sealed record RegisteredUser(string UserName, long BalanceCents);
public sealed record CsrfToken(string HeaderName, string RequestToken);

public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Auth");
        api.MapPost("/register", Register).WithName("Register").WithSummary("Creates a user (demo mode credits a starting balance).");
        api.MapPost("/token", Token).WithName("Token").WithSummary("Exchanges a user name and password for a bearer token.");
        api.MapGet("/csrf", Csrf).WithName("Csrf").WithSummary("The antiforgery token cookie-authenticated calls must send.");
        return api;
    }

    public static async Task<Results<Created<RegisteredUser>, ProblemHttpResult>> Register(
        RegisterRequest body, UserRegistration registration, IOptions<RegistrationOptions> options,
        RedPacket.Domain.Accounts.AccountService accounts, CancellationToken ct)
    {
        if (!options.Value.Enabled)
            return DomainProblemMapping.Problem(DomainProblemMapping.RegistrationClosed, "Registration is closed.");
        var user = await registration.RegisterAsync(body.UserName, body.Password, ct: ct);
        var account = await accounts.FindAsync(user.Id, ct);
        return TypedResults.Created("/api/me", new RegisteredUser(user.UserName!, account!.BalanceCents));
    }

    /// <summary>Answers <c>{tokenType, accessToken, expiresIn, refreshToken}</c> (ASP.NET's bearer token format).</summary>
    public static async Task<Results<SignInHttpResult, ProblemHttpResult>> Token(
        TokenRequest body, UserManager<AppUser> users, SignInManager<AppUser> signIn)
    {
        var user = await users.FindByNameAsync(body.UserName ?? "");
        if (user is null || !(await signIn.CheckPasswordSignInAsync(user, body.Password ?? "", lockoutOnFailure: true)).Succeeded)
            return DomainProblemMapping.Problem(DomainProblemMapping.Unauthorized, "Wrong user name or password.");
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    public static Ok<CsrfToken> Csrf(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return TypedResults.Ok(new CsrfToken(CookieCsrfFilter.HeaderName, tokens.RequestToken!));
    }
}
