using RedPacket.Domain.Common;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Packets;

/// <summary>Two app nodes, each with its own batch writer, settle the same packet: the packet row lock keeps it right.</summary>
public sealed class TwoWritersTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    [Fact]
    public async Task Grab_TwoNodesOnOnePacket_EachShareOnceAndBothNodesSettled()
    {
        await using var nodeB = await Fixture.StartSecondNodeAsync();
        var sender = await Driver.UserAsync("sender", 20_000);
        var warmer = await Driver.UserAsync("warmer");
        var group = await Driver.GroupAsync(sender, warmer);
        var users = await Driver.BulkMembersAsync(group, 400, "n");
        // Node B has served this group before (model built, roster and scripts loaded), so both race on equal terms.
        var warmUp = await Driver.SendAsync(sender, group, 100, 1);
        await new DomainDriver(nodeB).GrabAsync(warmUp.PacketId, warmer);
        var packet = await Driver.SendAsync(sender, group, 19_900, 100);
        using var metricsA = new MetricsRecorder(Fixture);
        using var metricsB = new MetricsRecorder(nodeB);
        var onB = new DomainDriver(nodeB);
        await nodeB.Get<PacketDirectory>().FindAsync(packet.PacketId);

        // Half the users tap on node A, half on node B, all at once.
        DomainDriver On(int i) => i % 2 == 0 ? Driver : onB;
        var answers = await Concurrency.RunConcurrent(users.Count, i => On(i).GrabAsync(packet.PacketId, users[i]));

        Assert.Equal(100, answers.Count(a => a.Value?.Outcome == GrabOutcome.Claimed));
        Assert.All(answers.Where(a => !a.Succeeded), a => Assert.Equal(ErrorCodes.SoldOut, Assert.IsType<DomainException>(a.Error).Code));
        var shares = await Driver.SharesAsync(packet.PacketId);
        Assert.All(shares, s => Assert.Equal(ShareStatus.Claimed, s.Status));
        Assert.Equal(100, shares.Select(s => s.ReceiverUserId).Distinct().Count());
        foreach (var s in shares)
        {
            var i = users.ToList().IndexOf(s.ReceiverUserId!);
            Assert.Equal(s.AmountCents, answers[i].Value!.AmountCents);
            Assert.Equal(s.AmountCents, await Driver.BalanceAsync(s.ReceiverUserId!));
            // Asked again on the other node: the same share.
            var again = await On(i + 1).GrabAsync(packet.PacketId, s.ReceiverUserId!);
            Assert.Equal((GrabOutcome.AlreadyClaimed, s.AmountCents), (again.Outcome, again.AmountCents));
        }
        Assert.True(metricsA.Sum("redpacket.settles") > 0 && metricsB.Sum("redpacket.settles") > 0,
            $"settled on A: {metricsA.Sum("redpacket.settles")}, on B: {metricsB.Sum("redpacket.settles")}");
        Assert.Equal(100, metricsA.Sum("redpacket.settles") + metricsB.Sum("redpacket.settles"));
    }
}
