using RedPacket.Domain.Common;

namespace RedPacket.Domain.Packets.Claiming;

public enum GrabOutcome { Claimed, AlreadyClaimed }

/// <summary>A grab that succeeded: reported only after MySQL committed it.</summary>
public sealed record GrabResult(GrabOutcome Outcome, long AmountCents, int RemainingCount);

/// <summary>
/// A grab the rules turned down, with its stable code. These are expected answers under load (thousands of
/// late taps are sold out), so they are values, not exceptions: the hot path allocates nothing for them.
/// </summary>
public sealed record GrabRefusal(string Code, string Message, TimeSpan? RetryAfter = null)
{
    public static readonly GrabRefusal SoldOut = new(ErrorCodes.SoldOut, "Too slow: all shares are gone.");
    public static readonly GrabRefusal Expired = new(ErrorCodes.Expired, "This packet has expired.");
    public static readonly GrabRefusal NotFound = new(ErrorCodes.NotFound, "No such packet.");
    public static readonly GrabRefusal Busy = new(ErrorCodes.Busy, "Your grab could not be confirmed; tap again to see whether you got a share.");

    /// <summary>An exclusive packet tapped by anybody but its recipient; the message names the recipient.</summary>
    public static GrabRefusal NotRecipient(string? recipientName) =>
        new(ErrorCodes.NotRecipient, $"This red packet is for {recipientName ?? "someone else"} only.");

    /// <summary>A password packet tapped without its phrase, or with another one: nothing is popped.</summary>
    public static readonly GrabRefusal WrongPhrase = new(ErrorCodes.WrongPhrase, "Send this red packet's phrase to open it.");

    /// <summary>Over the user's grab budget; <paramref name="retryAfter"/> until the next.</summary>
    public static GrabRefusal TooMany(TimeSpan retryAfter) => new(ErrorCodes.RateLimited, "Too many taps; try again shortly.", retryAfter);
}

/// <summary>What a grab answers: a committed share, or a refusal.</summary>
public sealed record GrabAnswer(GrabResult? Result, GrabRefusal? Refusal)
{
    public static readonly GrabAnswer SoldOut = new(null, GrabRefusal.SoldOut);
    public static readonly GrabAnswer Expired = new(null, GrabRefusal.Expired);
    public static readonly GrabAnswer NotFound = new(null, GrabRefusal.NotFound);
    public static readonly GrabAnswer Busy = new(null, GrabRefusal.Busy);
    public static readonly GrabAnswer WrongPhrase = new(null, GrabRefusal.WrongPhrase);

    /// <summary>
    /// Null when <paramref name="userId"/> may try for a share; otherwise the refusal of an exclusive packet's
    /// non-recipient. Asked before anything is spent on the grab (the sold-out memo, the budget, a Redis pop).
    /// </summary>
    public static GrabAnswer? ForSomeoneElse(PacketFacts facts, string userId) =>
        facts.RecipientUserId is { } recipient && recipient != userId ? new(null, GrabRefusal.NotRecipient(facts.RecipientName)) : null;

    public static GrabAnswer Granted(GrabOutcome outcome, long amountCents, int remainingCount) =>
        new(new GrabResult(outcome, amountCents, remainingCount), null);

    /// <summary>The result, or the refusal as a <see cref="DomainException"/> (for callers that prefer to throw).</summary>
    public GrabResult OrThrow() => Result ?? throw new DomainException(Refusal!.Code, Refusal.Message);
}
