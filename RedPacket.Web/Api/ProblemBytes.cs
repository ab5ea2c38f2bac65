using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using RedPacket.Domain.Common;

namespace RedPacket.Web.Api;

/// <summary>
/// An RFC 7807 problem whose JSON is serialized once per (code, detail) and then written as bytes. The expected
/// refusals of a storm (sold out, expired, …) are most of its answers: they cost a status line and a copy, not a
/// serializer run each. The shape is the one every problem of the API has (type, title, status, detail, code);
/// only the per-request traceId is left out.
/// </summary>
public sealed class ProblemBytes : IResult, IStatusCodeHttpResult
{
    private static readonly ConcurrentDictionary<(string Code, string Detail), ProblemBytes> Made = new();

    private readonly byte[] _body;
    private readonly int? _retryAfter;

    private ProblemBytes(string code, string detail)
    {
        StatusCode = DomainProblemMapping.StatusOf(code);
        var problem = new ProblemDetails
        {
            Type = TypeOf(StatusCode),
            Title = DomainProblemMapping.TitleOf(code),
            Status = StatusCode,
            Detail = detail,
            Extensions = { ["code"] = code },
        };
        _body = JsonSerializer.SerializeToUtf8Bytes(problem, JsonSerializerOptions.Web);
        // Trying again helps when the app was busy: say when.
        _retryAfter = DomainProblemMapping.RetryAfterOf(code);
    }

    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public static ProblemBytes For(string code, string detail) => Made.GetOrAdd((code, detail), k => new ProblemBytes(k.Code, k.Detail));

    /// <summary>The same shape, not kept: for a detail that varies with the request (a name), which would fill the cache.</summary>
    public static ProblemBytes Fresh(string code, string detail) => new(code, detail);

    public Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCode;
        http.Response.ContentType = "application/problem+json";
        http.Response.ContentLength = _body.Length;
        if (_retryAfter is { } seconds) RateLimiting.RetryAfter.Write(http.Response, seconds);
        return http.Response.Body.WriteAsync(_body).AsTask();
    }

    /// <summary>The RFC 9110 section of the status, as ASP.NET's own problem details name it.</summary>
    private static string? TypeOf(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        410 => "https://tools.ietf.org/html/rfc9110#section-15.5.11",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => null,
    };
}
