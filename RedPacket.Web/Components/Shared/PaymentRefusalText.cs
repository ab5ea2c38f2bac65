using Microsoft.Extensions.Localization;
using RedPacket.Domain.Common;

namespace RedPacket.Web.Components.Shared;

/// <summary>
/// What a user is told when money may not leave their wallet (a wrong or locked PIN, a daily limit), in their language
/// and with the facts the refusal carries (tries left, until when). Other refusals keep the domain's own message.
/// </summary>
public static class PaymentRefusalText
{
    public static string For(DomainException e, IStringLocalizer<SharedResource> l, TimeZoneInfo? zone, DateTimeOffset now)
    {
        string When(string fact) => e.Details.TryGetValue(fact, out var v) && v is DateTimeOffset at
            ? TimeText.Format(at, now, zone ?? TimeZoneInfo.Utc) : "";
        return e.Code switch
        {
            ErrorCodes.PinWrong => l["PinWrong", e.Details.TryGetValue("attemptsLeft", out var left) ? left ?? 0 : 0],
            ErrorCodes.PinLocked => l["PinLocked", When("lockedUntil")],
            ErrorCodes.PinNotSet => l["PinNotSet"],
            ErrorCodes.DailyLimit => l["DailyLimit", When("resetsAt")],
            _ => e.Message,
        };
    }
}
