using Microsoft.Extensions.DependencyInjection.Extensions;
using RedPacket.Web.Bench;

namespace RedPacket.Web.Hosting;

/// <summary>
/// A node whose clock is off by a fixed amount, for the fault drills (<c>scripts/nemesis.sh clock-skew</c>): two nodes
/// that disagree by minutes must still refund each packet once and never pay a share twice (ARCHITECTURE §7.1).
/// The host's clock cannot be moved for one process here (faketime breaks StackExchange.Redis), so the app's own
/// <see cref="TimeProvider"/>, which every expiry, refund and token decision reads, is shifted instead.
/// Only in the Bench environment: anywhere else a shifted clock would expire real packets early or late, so the
/// setting's mere presence stops start-up.
/// </summary>
public static class DrillClock
{
    public const string Setting = "RedPacket:Drill:ClockOffset";

    public static IHostApplicationBuilder AddDrillClock(this IHostApplicationBuilder builder)
    {
        var raw = builder.Configuration[Setting];
        if (raw is null) return builder;
        if (!builder.Environment.IsEnvironment(BenchApi.Environment))
            throw new InvalidOperationException(
                $"{Setting} is set, but a drill clock is allowed in the {BenchApi.Environment} environment only (this is " +
                $"{builder.Environment.EnvironmentName}): it would move every packet's expiry and every token's lifetime. Remove the setting.");
        if (!TimeSpan.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out var offset))
            throw new InvalidOperationException($"{Setting} is not a duration ([-][d.]hh:mm:ss): '{raw}'.");
        // Replace, not TryAdd: whichever of the domain's and the web's registrations runs first, this one wins.
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new OffsetClock(TimeProvider.System, offset)));
        return builder;
    }

    /// <summary>Another clock plus a fixed offset; timers and time zones are the other clock's.</summary>
    public sealed class OffsetClock(TimeProvider inner, TimeSpan offset) : TimeProvider
    {
        public TimeSpan Offset { get; } = offset;
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;
        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
        public override long TimestampFrequency => inner.TimestampFrequency;
        public override long GetTimestamp() => inner.GetTimestamp();
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            inner.CreateTimer(callback, state, dueTime, period);
    }
}
