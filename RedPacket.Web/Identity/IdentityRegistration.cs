using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RedPacket.Web.Identity.SignIn;
using RedPacket.Web.Live;

namespace RedPacket.Web.Identity;

public static class IdentityRegistration
{
    /// <summary>The scheme that picks bearer tokens for callers who send one, cookies for everybody else.</summary>
    public const string SmartScheme = "CookieOrBearer";

    public const string AdminPolicy = "admin";

    /// <summary>
    /// Identity on the app's MySQL database: cookies for the pages, bearer tokens for the API, an admin role.
    /// </summary>
    public static IHostApplicationBuilder AddRedPacketIdentity(this IHostApplicationBuilder builder)
    {
        var mysql = builder.Configuration.GetConnectionString("MySql")!;
        var serverVersion = ServerVersion.Parse(RedPacket.Domain.Persistence.DatabaseOptions.From(builder.Configuration).ServerVersion);
        builder.Services.AddDbContext<AppIdentityDb>(o => o.UseMySql(mysql, serverVersion,
            my => my.MigrationsHistoryTable(AppIdentityDb.HistoryTable)));

        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or bearer", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                  || (ctx.Request.Path.StartsWithSegments("/hubs") && ctx.Request.Query.ContainsKey("access_token"))
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromHours(1);
                // Browsers cannot set headers on a WebSocket: hub clients may send the token in the query.
                o.Events.OnMessageReceived = ctx =>
                {
                    if (ctx.Request.Path.StartsWithSegments("/hubs") && ctx.Request.Query["access_token"] is { Count: > 0 } token)
                        ctx.Token = token.ToString();
                    return Task.CompletedTask;
                };
            })
            .AddIdentityCookies(c => c.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/login";
                o.AccessDeniedPath = "/denied";
                o.Cookie.Name = "redpacket.auth";
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.HttpOnly = true;
                // An API call answers 401/403, it is not redirected to a sign-in page.
                o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
                o.CookieManager = new RelativeExpiryCookieManager(new ChunkingCookieManager(), o);
            }));

        builder.Services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.User.RequireUniqueEmail = false;
                // A back-off, not a lock: the sign-in throttle (SignInThrottle) stops one address long before 10
                // failures, so only guessing from many addresses gets here, and then a minute's pause is enough to make
                // it slow (~10 guesses a minute per account) without letting anybody keep anybody out for long.
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(1);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppIdentityDb>()
            .AddUserManager<ClockedUserManager>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        // A security stamp change (signed out everywhere) or a role change reaches cookies within a minute, as it
        // reaches open circuits (CircuitRevalidation).
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = CircuitRevalidation.Interval);
        builder.Services.AddScoped<AuthenticationStateProvider, CircuitRevalidation>();
        builder.Services.AddSingleton<DummyPassword>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<KnownDevices>();
        // Each API token is read (decrypted) once per node, not on every request.
        builder.Services.AddOptions<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>(IdentityConstants.BearerScheme)
            .PostConfigure<TimeProvider>((o, clock) => o.BearerTokenProtector = new CachedTicketFormat(o.BearerTokenProtector, clock));
        builder.Services.AddSingleton<TokenRevocations>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TokenRevocations>());
        builder.Services.AddScoped<PasswordSignIn>();

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireRole(AppUser.AdminRole));
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    private static Task ApiAware(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/hubs"))
            ctx.Response.StatusCode = status;
        else
            ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
