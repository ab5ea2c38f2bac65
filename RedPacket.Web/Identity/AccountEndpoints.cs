using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using RedPacket.Domain.Common;

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
        SignInManager<AppUser> signIn)
    {
        var result = await signIn.PasswordSignInAsync(userName ?? "", password ?? "", isPersistent: true, lockoutOnFailure: true);
        return result.Succeeded
            ? TypedResults.LocalRedirect(SafeReturn(returnUrl))
            : TypedResults.LocalRedirect($"/login?error={Uri.EscapeDataString("Wrong user name or password.")}&returnUrl={Uri.EscapeDataString(SafeReturn(returnUrl))}");
    }

    private static async Task<IResult> Logout(SignInManager<AppUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/login");
    }

    private static async Task<IResult> Register([FromForm] string userName, [FromForm] string password,
        UserRegistration registration, SignInManager<AppUser> signIn, Microsoft.Extensions.Options.IOptions<RegistrationOptions> options)
    {
        if (!options.Value.Enabled) return TypedResults.LocalRedirect("/register?error=" + Uri.EscapeDataString("Registration is closed."));
        try
        {
            var user = await registration.RegisterAsync(userName, password);
            await signIn.SignInAsync(user, isPersistent: true);
            return TypedResults.LocalRedirect("/");
        }
        catch (DomainException e)
        {
            return TypedResults.LocalRedirect($"/register?error={Uri.EscapeDataString(e.Message)}");
        }
    }

    /// <summary>Only paths on this site: an open redirect would hand a signed-in user to anybody.</summary>
    private static string SafeReturn(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            ? returnUrl : "/";
}
