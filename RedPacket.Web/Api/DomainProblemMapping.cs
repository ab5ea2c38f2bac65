using System.Collections.Frozen;
using RedPacket.Domain.Common;

namespace RedPacket.Web.Api;

/// <summary>
/// The HTTP status and title of each stable error code (docs/ARCHITECTURE.md §8, "HTTP API"). Every code is listed
/// here explicitly: one that is not is a bug, and asking for it throws (a unit test walks every code), rather than
/// quietly becoming a 400.
/// </summary>
public static class DomainProblemMapping
{
    public const string RateLimited = ErrorCodes.RateLimited;
    public const string Csrf = "csrf";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string InternalError = "internal_error";
    public const string UserExists = "user_exists";
    public const string InvalidPassword = "invalid_password";
    public const string RegistrationClosed = "registration_closed";

    private static readonly FrozenDictionary<string, (int Status, string Title)> Codes = new Dictionary<string, (int, string)>
    {
        [ErrorCodes.InvalidAmount] = (StatusCodes.Status400BadRequest, "Invalid amount"),
        [ErrorCodes.InvalidCount] = (StatusCodes.Status400BadRequest, "Invalid number of shares"),
        [ErrorCodes.InvalidRequest] = (StatusCodes.Status400BadRequest, "Invalid request"),
        [InvalidPassword] = (StatusCodes.Status400BadRequest, "Password not accepted"),
        [ErrorCodes.PinWeak] = (StatusCodes.Status400BadRequest, "PIN too easy to guess"),
        [ErrorCodes.PinWrong] = (StatusCodes.Status403Forbidden, "Wrong payment PIN"),
        [ErrorCodes.WrongPhrase] = (StatusCodes.Status403Forbidden, "Wrong phrase"),
        [ErrorCodes.PinNotSet] = (StatusCodes.Status409Conflict, "No payment PIN set"),
        [ErrorCodes.TransferSettled] = (StatusCodes.Status409Conflict, "Transfer already settled"),
        [ErrorCodes.PinLocked] = (StatusCodes.Status423Locked, "Payment PIN locked"),
        [ErrorCodes.DailyLimit] = (StatusCodes.Status422UnprocessableEntity, "Daily limit reached"),
        [Unauthorized] = (StatusCodes.Status401Unauthorized, "Not signed in"),
        [ErrorCodes.NotMember] = (StatusCodes.Status403Forbidden, "Not a member"),
        [ErrorCodes.NotRecipient] = (StatusCodes.Status403Forbidden, "For someone else"),
        [ErrorCodes.BadInvite] = (StatusCodes.Status403Forbidden, "Bad invitation code"),
        [Csrf] = (StatusCodes.Status403Forbidden, "Antiforgery token missing or invalid"),
        [RegistrationClosed] = (StatusCodes.Status403Forbidden, "Registration is closed"),
        [Forbidden] = (StatusCodes.Status403Forbidden, "Forbidden"),
        [ErrorCodes.NotFound] = (StatusCodes.Status404NotFound, "Not found"),
        [MethodNotAllowed] = (StatusCodes.Status405MethodNotAllowed, "Method not allowed"),
        [ErrorCodes.SoldOut] = (StatusCodes.Status409Conflict, "Sold out"),
        [ErrorCodes.NoAccount] = (StatusCodes.Status409Conflict, "No account"),
        [UserExists] = (StatusCodes.Status409Conflict, "User name taken"),
        [ErrorCodes.Expired] = (StatusCodes.Status410Gone, "Expired"),
        [ErrorCodes.TooLarge] = (StatusCodes.Status413PayloadTooLarge, "Request too large"),
        [ErrorCodes.InsufficientFunds] = (StatusCodes.Status422UnprocessableEntity, "Insufficient funds"),
        [ErrorCodes.IdempotencyConflict] = (StatusCodes.Status422UnprocessableEntity, "Idempotency key reused"),
        [RateLimited] = (StatusCodes.Status429TooManyRequests, "Too many requests"),
        [InternalError] = (StatusCodes.Status500InternalServerError, "Internal error"),
        [ErrorCodes.Busy] = (StatusCodes.Status503ServiceUnavailable, "Busy, try again"),
        [ErrorCodes.Unavailable] = (StatusCodes.Status503ServiceUnavailable, "Service unavailable"),
    }.ToFrozenDictionary();

    /// <summary>Every code an answer of this API may carry.</summary>
    public static IReadOnlyCollection<string> KnownCodes => Codes.Keys;

    public static int StatusOf(string code) => Of(code).Status;

    public static string TitleOf(string code) => Of(code).Title;

    /// <summary>Retry-After (seconds) for the answers where trying again later helps.</summary>
    public static int? RetryAfterOf(string code) => code switch
    {
        ErrorCodes.Busy => 1,
        ErrorCodes.Unavailable => 5,
        _ => null,
    };

    /// <summary>
    /// The code of a problem the framework wrote itself (an unknown route, a body over the limit, a 500): every
    /// problem this app answers carries a <c>code</c>. Statuses the framework does not produce have none.
    /// </summary>
    public static string? CodeOfStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ErrorCodes.InvalidRequest,
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => ErrorCodes.NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => ErrorCodes.TooLarge,
        StatusCodes.Status429TooManyRequests => RateLimited,
        StatusCodes.Status500InternalServerError => InternalError,
        StatusCodes.Status503ServiceUnavailable => ErrorCodes.Unavailable,
        _ => null,
    };

    /// <summary>A problem-details answer with the stable <c>code</c> extension.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(string code, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusOf(code), title: TitleOf(code),
            extensions: new Dictionary<string, object?> { ["code"] = code });

    private static (int Status, string Title) Of(string code) =>
        Codes.TryGetValue(code, out var mapped) ? mapped
            : throw new ArgumentOutOfRangeException(nameof(code), code, "No HTTP status for this error code: add it to DomainProblemMapping.");
}
