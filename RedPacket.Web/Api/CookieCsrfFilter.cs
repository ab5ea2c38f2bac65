using Microsoft.AspNetCore.Antiforgery;

namespace RedPacket.Web.Api;

/// <summary>
/// A state-changing API call authenticated by the browser's cookie must carry the antiforgery token
/// (header <see cref="HeaderName"/>, from <c>GET /api/auth/csrf</c>); another site can make the browser
/// send the cookie, never the token. Bearer-token calls carry no ambient credential and skip the check.
/// </summary>
public sealed class CookieCsrfFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var changesState = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
                           && !HttpMethods.IsOptions(http.Request.Method);
        var byBearer = http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (changesState && !byBearer && http.User.Identity?.IsAuthenticated == true && !await antiforgery.IsRequestValidAsync(http))
            return DomainProblemMapping.Problem(DomainProblemMapping.Csrf,
                $"A cookie-authenticated call must send the {HeaderName} header from GET /api/auth/csrf.");
        return await next(context);
    }
}
