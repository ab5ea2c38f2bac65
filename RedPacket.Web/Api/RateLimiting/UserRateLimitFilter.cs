namespace RedPacket.Web.Api.RateLimiting;

/// <summary>The API side: a refused call is a 429 problem (<c>rate_limited</c>) with Retry-After.</summary>
public sealed class UserRateLimitFilter(string action) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var (allowed, retryAfter) = await http.RequestServices.GetRequiredService<UserActionGate>()
            .TryAcquireAsync(action, http.User.UserId());
        if (allowed) return await next(context);
        return TooManyRequests.Problem(http, retryAfter, "Too many requests");
    }
}
