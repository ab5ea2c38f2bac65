using Microsoft.AspNetCore.Diagnostics;
using RedPacket.Domain.Common;

namespace RedPacket.Web.Api;

/// <summary>
/// Turns a refused request into RFC 7807 problem details with a stable <c>code</c>: domain rules; bodies that do
/// not bind (bad JSON, numbers that overflow) or are too large; a dependency that is down (503 with Retry-After).
/// Anything else is a 500 without details. A 503 is logged as an error (a user was refused because something is
/// down); rule refusals are the user's own doing and are not.
/// </summary>
public sealed class DomainExceptionHandler(IProblemDetailsService problems, ILogger<DomainExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var facts = (exception as DomainException)?.Details;
        var (code, detail) = exception switch
        {
            DomainException d => (d.Code, d.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (ErrorCodes.TooLarge, "The request body is too large."),
            BadHttpRequestException b => (ErrorCodes.InvalidRequest, b.InnerException?.Message ?? b.Message),
            _ when DependencyFailures.IsDependencyDown(exception) =>
                (ErrorCodes.Unavailable, "A service this request needs is not answering; nothing was changed. Please try again shortly."),
            _ => (null, null),
        };
        if (code is null) return false;
        if (code == ErrorCodes.Unavailable)
            log.LogError("{Method} {Path} answered 503: {Dependency} is not answering ({Error})", http.Request.Method,
                http.Request.Path, DependencyFailures.NameOf(exception), exception.GetBaseException().Message);
        http.Response.StatusCode = DomainProblemMapping.StatusOf(code);
        if (DomainProblemMapping.RetryAfterOf(code) is { } seconds) RateLimiting.RetryAfter.Write(http.Response, seconds);
        var context = new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = http.Response.StatusCode,
                Title = DomainProblemMapping.TitleOf(code),
                Detail = detail,
                Extensions = { ["code"] = code },
            },
        };
        foreach (var (name, value) in facts ?? new Dictionary<string, object?>()) context.ProblemDetails.Extensions[name] = value;
        return await problems.TryWriteAsync(context);
    }
}
