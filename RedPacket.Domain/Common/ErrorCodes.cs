namespace RedPacket.Domain.Common;

/// <summary>The stable error codes of the API contract (docs/ARCHITECTURE.md §8, "HTTP API").</summary>
public static class ErrorCodes
{
    public const string InvalidAmount = "invalid_amount";
    public const string InvalidCount = "invalid_count";
    public const string InvalidRequest = "invalid_request";
    public const string InsufficientFunds = "insufficient_funds";
    public const string SoldOut = "sold_out";
    public const string Expired = "expired";
    public const string NotMember = "not_member";
    /// <summary>An exclusive packet opened by anyone but its recipient (403).</summary>
    public const string NotRecipient = "not_recipient";
    public const string NotFound = "not_found";
    public const string NoAccount = "no_account";
    public const string IdempotencyConflict = "idempotency_conflict";
    public const string BadInvite = "bad_invite";
    public const string Busy = "busy";
    /// <summary>Over the user's budget (429 with Retry-After).</summary>
    public const string RateLimited = "rate_limited";
    /// <summary>Redis or MySQL is down or not answering (503).</summary>
    public const string Unavailable = "unavailable";
    /// <summary>A send or transfer before the user set a payment PIN (409).</summary>
    public const string PinNotSet = "pin_not_set";
    /// <summary>The payment PIN is missing or wrong (403, with <c>attemptsLeft</c>).</summary>
    public const string PinWrong = "pin_wrong";
    /// <summary>Too many wrong PINs in a row (423, with <c>lockedUntil</c>).</summary>
    public const string PinLocked = "pin_locked";
    /// <summary>A new PIN anyone would guess: all one digit, or a run such as 123456 (400).</summary>
    public const string PinWeak = "pin_weak";
    /// <summary>A password packet (口令红包) opened without its phrase, or with another one (403).</summary>
    public const string WrongPhrase = "wrong_phrase";
    /// <summary>A transfer asked to end one way after it ended the other (409).</summary>
    public const string TransferSettled = "transfer_settled";
    /// <summary>Over the user's sends or money for the day (422, with <c>resetsAt</c>).</summary>
    public const string DailyLimit = "daily_limit";
    /// <summary>The request body is over the server's limit (413).</summary>
    public const string TooLarge = "too_large";
}
