namespace RedPacket.Domain.Accounts.Limits;

/// <summary>
/// How much a user may send in a day (<c>RedPacket:Limits</c>): packets and transfers both count. An admin may set a
/// user's own limits instead (<c>PUT /api/admin/users/{userId}/limits</c>).
/// </summary>
public sealed class LimitOptions
{
    public const string Section = "RedPacket:Limits";

    /// <summary>The zone whose midnight starts a new day (an IANA id).</summary>
    public string DayTimeZone { get; set; } = "Asia/Shanghai";

    public int SendsPerDay { get; set; } = 100;

    public long SentCentsPerDay { get; set; } = 500_000;

    internal TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(DayTimeZone);

    /// <summary>The service's calendar (daily limits, yearly summaries, the dashboard's days): the day <paramref name="at"/> falls on.</summary>
    internal DateTime DayOf(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).Date;

    /// <summary>The instant a day of the service's calendar starts (its midnight in <see cref="DayTimeZone"/>).</summary>
    internal DateTimeOffset StartOf(DateTime day) => StartOf(day, Zone);

    internal static DateTimeOffset StartOf(DateTime day, TimeZoneInfo zone) => new DateTimeOffset(day.Date, zone.GetUtcOffset(day.Date)).ToUniversalTime();

    public bool IsValid => SendsPerDay > 0 && SentCentsPerDay > 0 && TimeZoneInfo.TryFindSystemTimeZoneById(DayTimeZone, out _);

    public const string Rules = "RedPacket:Limits needs SendsPerDay and SentCentsPerDay above 0 and a DayTimeZone this machine knows.";
}
