using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Domain.Packets.Queries;
using RedPacket.Domain.Refunds;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Time;

/// <summary>Its own app, whose clock the test moves to chosen dates (a clock only moves forward).</summary>
public sealed class FarDateFixture : DomainFixture;

/// <summary>
/// Times past 2038-01-19 (where a 32-bit Unix time, MySQL's TIMESTAMP, ends) and on a leap day are stored and read back
/// exactly: every time column is DATETIME(6), and nothing sent to Redis is a moment.
/// </summary>
public sealed class FarDateTests(FarDateFixture fixture) : IntegrationTest<FarDateFixture>(fixture), IClassFixture<FarDateFixture>
{
    [Fact]
    public async Task Packet_SentOnALeapDayAfter2038_StoredReadBackAndRefunded()
    {
        var sender = await Driver.UserAsync("sender", 2_000);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(sender, bob);

        // Across the 32-bit boundary: sent a second before it, expiring a day after.
        Fixture.Clock.SetUtcNow(new DateTimeOffset(2038, 1, 19, 3, 14, 7, TimeSpan.Zero));
        var edge = await Driver.SendAsync(sender, group, 500, 2);
        await Driver.GrabAsync(edge.PacketId, bob);
        // On a leap day well past it, expiring on the first of March.
        var leapDay = new DateTimeOffset(2040, 2, 29, 12, 0, 0, 250, TimeSpan.Zero);
        Fixture.Clock.SetUtcNow(leapDay);
        var leap = await Driver.SendAsync(sender, group, 1_000, 2);
        var bobs = await Driver.GrabAsync(leap.PacketId, bob);

        var stored = await Driver.PacketAsync(leap.PacketId);
        Assert.Equal((leapDay, new DateTimeOffset(2040, 3, 1, 12, 0, 0, 250, TimeSpan.Zero)), (stored.CreatedAt, stored.ExpiresAt));
        Assert.Equal(new DateTimeOffset(2038, 1, 20, 3, 14, 7, TimeSpan.Zero), (await Driver.PacketAsync(edge.PacketId)).ExpiresAt);
        var claim = Assert.Single(await Driver.SharesAsync(leap.PacketId), s => s.ReceiverUserId == bob);
        Assert.Equal(leapDay, claim.ClaimedAt);
        var detail = (await Fixture.Get<PacketQueries>().DetailAsync(leap.PacketId, sender))!;
        Assert.Equal(leapDay, Assert.Single(detail.Claims).ClaimedAt);

        Fixture.Clock.Advance(TimeSpan.FromDays(1));
        var run = await Fixture.Get<RefundRunner>().RunOnceAsync();

        Assert.Equal((2, 2), (run.Found, run.Refunded)); // the leap-day packet, and the 2038 one that expired long before
        var refund = Assert.Single(await Driver.ReadAsync(db => db.Set<Refund>().Where(r => r.PacketId == leap.PacketId).ToListAsync()));
        Assert.Equal((new DateTimeOffset(2040, 3, 1, 12, 0, 0, 250, TimeSpan.Zero), 1_000 - bobs.AmountCents),
            (refund.CreatedAt, refund.AmountCents));
        Assert.Equal(refund.CreatedAt, (await Driver.PacketAsync(leap.PacketId)).RefundedAt);
    }
}
