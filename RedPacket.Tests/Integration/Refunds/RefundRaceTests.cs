using RedPacket.Domain.Common;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Refunds;
using RedPacket.Tests.Integration.Infrastructure;

namespace RedPacket.Tests.Integration.Refunds;

public sealed class RefundRaceTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    [Fact]
    public async Task Run_RacingGrabsOnExpiringPackets_EveryShareEndsClaimedOrRefundedExactlyOnce()
    {
        var sender = await World.UserAsync("sender", 20_000);
        var group = await World.GroupAsync(sender);
        var users = await World.BulkMembersAsync(group, 12, "r");
        var runner = Fixture.Get<RefundRunner>();

        for (var round = 0; round < 25; round++)
        {
            var packet = await World.SendAsync(sender, group, 800, 8);
            // Twelve grabs and one "24 hours pass, the refund job runs" released together.
            var answers = await Concurrency.RunConcurrent(users.Count + 1, async i =>
            {
                if (i < users.Count) return (await World.GrabAsync(packet.PacketId, users[i])).AmountCents;
                Fixture.Clock.Advance(TimeSpan.FromHours(24));
                await runner.RunOnceAsync();
                return -1L;
            });

            var shares = await World.SharesAsync(packet.PacketId);
            Assert.All(shares, s => Assert.NotEqual(ShareStatus.Unclaimed, s.Status));
            var stored = await World.PacketAsync(packet.PacketId);
            Assert.Equal(stored.TotalCents, shares.Where(s => s.Status == ShareStatus.Claimed).Sum(s => s.AmountCents) + stored.RefundedCents);
            Assert.Equal(0, stored.RemainingCents);
            for (var i = 0; i < users.Count; i++)
            {
                var held = shares.SingleOrDefault(s => s.ReceiverUserId == users[i]);
                if (answers[i].Succeeded)
                    Assert.Equal(held?.AmountCents, answers[i].Value);
                else
                {
                    Assert.Null(held);
                    Assert.Contains(Assert.IsType<DomainException>(answers[i].Error).Code,
                        new[] { ErrorCodes.SoldOut, ErrorCodes.Expired });
                }
            }
        }
    }
}
