using System.Text.Json;
using System.Text.Json.Serialization;
using RedPacket.Web.Api.RateLimiting;

namespace RedPacket.Web.Api;

public static class ApiRegistration
{
    /// <summary>JSON in camelCase with enums as strings, problem details, rate limits, antiforgery, OpenAPI.</summary>
    public static IHostApplicationBuilder AddRedPacketApi(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        // Problems the framework writes itself (status pages, a body over the limit) get a code like all the others.
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            if (!ctx.ProblemDetails.Extensions.ContainsKey("code")
                && DomainProblemMapping.CodeOfStatus(ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode) is { } code)
                ctx.ProblemDetails.Extensions["code"] = code;
        });
        // A body that does not bind (bad JSON, an overflowing number) reaches the exception handler, which gives it a code.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<DomainExceptionHandler>();
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.IsValid(), $"Every {RateLimitOptions.Section} limit and window must be positive.").ValidateOnStart();
        builder.Services.AddSingleton<UserActionLimiter>();
        builder.Services.AddSingleton<RedisRateLimiter>();
        builder.Services.AddSingleton<UserActionGate>();
        builder.Services.AddSingleton<RedPacket.Domain.Packets.Claiming.IGrabThrottle, RedisGrabThrottle>();
        builder.Services.AddAntiforgery(o => o.HeaderName = CookieCsrfFilter.HeaderName);
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapRedPacketApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapAuthApi();
        app.MapMeApi();
        app.MapGroupsApi();
        app.MapPacketsApi();
        app.MapTransfersApi();
        app.MapAdminApi();
        return app;
    }
}
