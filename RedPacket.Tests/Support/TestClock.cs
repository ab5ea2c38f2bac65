using Microsoft.Extensions.Time.Testing;

namespace RedPacket.Tests.Support;

/// <summary>
/// Where the suite's app clocks start: the real now, shifted by <c>RP_TEST_CLOCK_SHIFT</c> (a TimeSpan such as
/// <c>400.00:00:00</c> or <c>-400.00:00:00</c>; none by default), while MariaDB and Redis keep real time. A fixed
/// calendar date would break the suite the day after it was written (Redis and MySQL live in the real now), and the
/// shift proves that no decision depends on the app's clock agreeing with theirs (docs/ARCHITECTURE.md, Time).
/// </summary>
public static class TestClock
{
    public const string ShiftVariable = "RP_TEST_CLOCK_SHIFT";

    /// <summary>How far the app clocks of this run are from the real now.</summary>
    public static TimeSpan Shift { get; } = ParseShift(Environment.GetEnvironmentVariable(ShiftVariable));

    /// <summary>
    /// The real now plus <see cref="Shift"/> and <paramref name="extra"/>, in whole seconds: MySQL keeps microseconds,
    /// so a clock that starts on a whole second reads back exactly what it wrote.
    /// </summary>
    public static DateTimeOffset Start(TimeSpan extra = default)
    {
        var now = TimeProvider.System.GetUtcNow() + Shift + extra;
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    /// <summary>A test clock that moves only when the test moves it, starting at <see cref="Start"/>.</summary>
    public static FakeTimeProvider NewFake(TimeSpan extra = default) => new(Start(extra));

    public static TimeSpan ParseShift(string? text) =>
        string.IsNullOrWhiteSpace(text) ? TimeSpan.Zero
        : TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var shift) ? shift
        : throw new InvalidOperationException($"{ShiftVariable}='{text}' is not a TimeSpan (e.g. 400.00:00:00 or -400.00:00:00).");
}
