using RedPacket.Domain.Refunds;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Refunds;

public sealed class SendDuringRefundTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private const int Rounds = 40;

    [Fact]
    public async Task Send_WhileTheSendersOtherPacketIsRefunded_NoDeadlock()
    {
        // Seen in the soak: the refund locked the sender's account by its id (with the claimers'), then again by user id;
        // a send locks it by user id. Two index paths to one row, taken in opposite orders, deadlocked.
        var sender = await Driver.UserAsync("sender", Rounds * 1_000L);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(sender, bob);
        using var metrics = new MetricsRecorder(Fixture);

        for (var round = 0; round < Rounds; round++)
        {
            var expiring = await Driver.SendAsync(sender, group, 300, 3);
            await Driver.GrabAsync(expiring.PacketId, bob);
            Fixture.Clock.Advance(TimeSpan.FromHours(24));
            var answers = await Concurrency.RunConcurrent(4, async i =>
            {
                if (i == 0) return (await Fixture.Get<RefundRunner>().RunOnceAsync()).Failed;
                await Driver.SendAsync(sender, group, 200, 2);
                return 0;
            });
            Assert.All(answers, a => Assert.True(a.Succeeded && a.Value == 0, a.Error?.ToString()));
        }

        Assert.Equal(0, metrics.Sum("redpacket.transaction.retries", "error", 1213));
    }
}
