using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using RedPacket.Domain.Common;
using RedPacket.Web.Api;
using RedPacket.Web.Api.RateLimiting;
using RedPacket.Web.Identity.SignIn;

namespace RedPacket.Web.Identity;

/// <summary>
/// The cookie sign-in forms of the pages. They are plain form posts (cookies can only be set on an HTTP
/// response, not over a Blazor circuit), and minimal APIs check their antiforgery token.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/login", Login);
        account.MapPost("/logout", Logout);
        account.MapPost("/register", Register);
        return app;
    }

    private static async Task<IResult> Login([FromForm] string userName, [FromForm] string password, [FromForm] string? returnUrl,
        PasswordSignIn passwords, SignInManager<AppUser> signIn, KnownDevices devices, HttpContext http)
    {
        var attempt = await passwords.CheckAsync(userName, password, http);
        var back = Uri.EscapeDataString(SafeReturn(returnUrl));
        switch (attempt.Verdict)
        {
            case SignInVerdict.SignedIn:
                // What PasswordSignInAsync would do after its own check (the app has no second factor).
                await signIn.SignInWithClaimsAsync(attempt.User!, isPersistent: true, [new Claim("amr", "pwd")]);
                devices.Remember(http, attempt.User!); // this browser now gets in even while strangers throttle the name
                return TypedResults.LocalRedirect(SafeReturn(returnUrl));
            case SignInVerdict.Throttled:
                return TypedResults.LocalRedirect($"/login?error={SignInErrors.Throttled}&wait={RetryAfter.Seconds(attempt.RetryAfter)}&returnUrl={back}");
            default:
                return TypedResults.LocalRedirect($"/login?error={SignInErrors.WrongPassword}&returnUrl={back}");
        }
    }

    /// <summary>
    /// Minimal APIs check the antiforgery token only of endpoints that bind a form, and this one binds nothing: without
    /// the check any site could sign a visitor out with a forged post (the browser adds the cookie).
    /// </summary>
    private static async Task<IResult> Logout(HttpContext http, IAntiforgery antiforgery, SignInManager<AppUser> signIn,
        TokenRevocations revocations)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return DomainProblemMapping.Problem(DomainProblemMapping.Csrf, "Sign out with the app's own sign-out button.");
        // The user's bearer tokens end with the cookie: signing out is signing out.
        if (http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId) await revocations.RevokeAsync(userId);
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/login");
    }

    private static async Task<IResult> Register([FromForm] string userName, [FromForm] string password, UserRegistration registration,
        SignInManager<AppUser> signIn, SignInThrottle throttle, HttpContext http, Microsoft.Extensions.Options.IOptions<RegistrationOptions> options)
    {
        if (!options.Value.Enabled) return TypedResults.LocalRedirect($"/register?error={SignInErrors.Closed}");
        if (await throttle.TryRegisterAsync(ClientAddress.Of(http)) is { Allowed: false } refused)
            return TypedResults.LocalRedirect($"/register?error={SignInErrors.Throttled}&wait={RetryAfter.Seconds(refused.RetryAfter)}");
        try
        {
            var user = await registration.RegisterAsync(userName, password);
            await signIn.SignInAsync(user, isPersistent: true);
            return TypedResults.LocalRedirect("/");
        }
        catch (DomainException e)
        {
            return TypedResults.LocalRedirect($"/register?error={Uri.EscapeDataString(e.Code)}");
        }
    }

    /// <summary>Only paths on this site: an open redirect would hand a signed-in user to anybody.</summary>
    private static string SafeReturn(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            ? returnUrl : "/";
}
