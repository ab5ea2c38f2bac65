using RedPacket.Domain.Common;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Refunds;
using RedPacket.Tests.Support;
using Xunit.Abstractions;

namespace RedPacket.Tests.Integration.Refunds;

public sealed class RefundRaceTests(DomainFixture fixture, ITestOutputHelper output)
    : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private const int Rounds = 1_000;

    [Fact]
    public async Task Run_RacingGrabsOnExpiringPackets_EveryShareEndsClaimedOrRefundedExactlyOnceAndBothSidesWinSometimes()
    {
        var sender = await Driver.UserAsync("sender", Rounds * 300L);
        var group = await Driver.GroupAsync(sender);
        var users = await Driver.BulkMembersAsync(group, 4, "r");
        var runner = Fixture.Get<RefundRunner>();
        var (grabsWon, refundsWon, mixed) = (0, 0, 0);

        for (var round = 0; round < Rounds; round++)
        {
            var packet = await Driver.SendAsync(sender, group, 300, 3);
            // Four grabs and one "24 hours pass, the refund job runs" released together.
            var answers = await Concurrency.RunConcurrent(users.Count + 1, async i =>
            {
                if (i < users.Count) return (await Driver.GrabAsync(packet.PacketId, users[i])).AmountCents;
                Fixture.Clock.Advance(TimeSpan.FromHours(24));
                await runner.RunOnceAsync();
                return -1L;
            });

            var shares = await Driver.SharesAsync(packet.PacketId);
            Assert.All(shares, s => Assert.NotEqual(ShareStatus.Unclaimed, s.Status));
            var stored = await Driver.PacketAsync(packet.PacketId);
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
                    Assert.Contains(Assert.IsType<DomainException>(answers[i].Error).Code, new[] { ErrorCodes.SoldOut, ErrorCodes.Expired });
                }
            }
            var claimed = shares.Count(s => s.Status == ShareStatus.Claimed);
            if (claimed > 0) grabsWon++;
            if (claimed < shares.Count) refundsWon++;
            if (claimed > 0 && claimed < shares.Count) mixed++;
        }

        output.WriteLine($"{Rounds} rounds: grabs took shares in {grabsWon}, the refund in {refundsWon}, both in {mixed}");
        Assert.True(grabsWon > 0 && refundsWon > 0, $"grabs won {grabsWon} rounds, refunds {refundsWon}: the race never went both ways");
    }
}
