using RedPacket.Domain.Common;

namespace RedPacket.Web.Api;

/// <summary>The HTTP status of each stable error code (docs/ARCHITECTURE.md §8, "HTTP API").</summary>
public static class DomainProblemMapping
{
    public const string RateLimited = "rate_limited";
    public const string Csrf = "csrf";
    public const string Unauthorized = "unauthorized";
    public const string UserExists = "user_exists";
    public const string InvalidPassword = "invalid_password";
    public const string RegistrationClosed = "registration_closed";

    public static int StatusOf(string code) => code switch
    {
        ErrorCodes.InvalidAmount or ErrorCodes.InvalidCount or ErrorCodes.InvalidRequest or InvalidPassword => StatusCodes.Status400BadRequest,
        Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorCodes.NotMember or ErrorCodes.BadInvite or Csrf or RegistrationClosed => StatusCodes.Status403Forbidden,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.SoldOut or ErrorCodes.Conflict or ErrorCodes.NoAccount or UserExists => StatusCodes.Status409Conflict,
        ErrorCodes.Expired => StatusCodes.Status410Gone,
        ErrorCodes.InsufficientFunds or ErrorCodes.IdempotencyConflict => StatusCodes.Status422UnprocessableEntity,
        RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCodes.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCodes.Busy or ErrorCodes.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>Retry-After (seconds) for the answers where trying again later helps.</summary>
    public static string? RetryAfterOf(string code) => code switch
    {
        ErrorCodes.Busy => "1",
        ErrorCodes.Unavailable => "5",
        _ => null,
    };

    public static string TitleOf(string code) => code switch
    {
        ErrorCodes.SoldOut => "Sold out",
        ErrorCodes.Expired => "Expired",
        ErrorCodes.NotMember => "Not a member",
        ErrorCodes.NotFound => "Not found",
        ErrorCodes.InsufficientFunds => "Insufficient funds",
        ErrorCodes.BadInvite => "Bad invitation code",
        ErrorCodes.Busy => "Busy, try again",
        ErrorCodes.Unavailable => "Service unavailable",
        ErrorCodes.TooLarge => "Request too large",
        RateLimited => "Too many requests",
        _ => "The request was refused",
    };

    /// <summary>A problem-details answer with the stable <c>code</c> extension.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(string code, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusOf(code), title: TitleOf(code),
            extensions: new Dictionary<string, object?> { ["code"] = code });
}
