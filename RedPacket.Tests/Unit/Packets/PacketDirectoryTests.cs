using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Time.Testing;
using RedPacket.Domain.Common;
using RedPacket.Domain.Packets;

namespace RedPacket.Tests.Unit.Packets;

/// <summary>A packet's facts stay in memory while taps can still take something, not for the half hour after (the soak's growth).</summary>
public sealed class PacketDirectoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static MemoryCacheEntryOptions KeepFor(TimeSpan expiresIn)
    {
        using var memory = new MemoryCache(new MemoryCacheOptions());
        var directory = new PacketDirectory(null!, new SingleFlightCache(memory), new FakeTimeProvider(Now));
        return directory.KeepFor(new PacketFacts(1, 2, "alice", Now + expiresIn));
    }

    [Fact]
    public void KeepFor_LivePacket_UntilAMinutePastItsExpiryAtMost()
    {
        var keep = KeepFor(TimeSpan.FromMinutes(2));

        Assert.Equal(TimeSpan.FromMinutes(3), keep.AbsoluteExpirationRelativeToNow);
        Assert.Equal(PacketDirectory.MaxIdle, keep.SlidingExpiration);
    }

    [Fact]
    public void KeepFor_ExpiredPacket_OneMinuteOnly() =>
        Assert.Equal(PacketDirectory.PastExpiry, KeepFor(TimeSpan.FromHours(-3)).AbsoluteExpirationRelativeToNow);

    [Fact]
    public void KeepFor_DayLongPacket_StillDroppedAfterHalfAnHourWithoutATap() =>
        Assert.Equal(PacketDirectory.MaxIdle, KeepFor(TimeSpan.FromHours(24)).SlidingExpiration);
}
