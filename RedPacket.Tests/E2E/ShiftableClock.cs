using RedPacket.Tests.Support;

namespace RedPacket.Tests.E2E;

/// <summary>
/// Wall-clock time plus an offset the test moves: the app's timers keep running (a browser app needs
/// them), and "24 hours later" is one call, not a day's wait. It starts <see cref="TestClock.Shift"/> away from the
/// real now, like every app clock of the suite.
/// </summary>
public sealed class ShiftableClock : TimeProvider
{
    private long _offsetTicks = TestClock.Shift.Ticks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}
