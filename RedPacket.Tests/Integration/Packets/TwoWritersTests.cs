using RedPacket.Domain.Common;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Tests.Integration.Infrastructure;

namespace RedPacket.Tests.Integration.Packets;

/// <summary>Two app nodes, each with its own batch writer, settle the same packet: the packet row lock keeps it right.</summary>
public sealed class TwoWritersTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    [Fact]
    public async Task Grab_TwoNodesOnOnePacket_EachShareOnceAndBothNodesSettled()
    {
        await using var nodeB = await Fixture.StartSecondNodeAsync();
        var sender = await World.UserAsync("sender", 20_000);
        var group = await World.GroupAsync(sender);
        var users = await World.BulkMembersAsync(group, 400, "n");
        var packet = await World.SendAsync(sender, group, 20_000, 100);
        using var metricsA = new MetricsRecorder(Fixture);
        using var metricsB = new MetricsRecorder(nodeB);
        var onB = new World(nodeB);

        // Every user taps twice, once on each node, all at once.
        var answers = await Concurrency.RunConcurrent(users.Count * 2, i =>
            (i % 2 == 0 ? World : onB).GrabAsync(packet.PacketId, users[i / 2]));

        Assert.Equal(100, answers.Count(a => a.Value?.Outcome == GrabOutcome.Claimed));
        Assert.All(answers.Where(a => !a.Succeeded), a => Assert.Equal(ErrorCodes.SoldOut, Assert.IsType<DomainException>(a.Error).Code));
        var shares = await World.SharesAsync(packet.PacketId);
        Assert.All(shares, s => Assert.Equal(ShareStatus.Claimed, s.Status));
        Assert.Equal(100, shares.Select(s => s.ReceiverUserId).Distinct().Count());
        // Both taps of a winner name the same share.
        foreach (var s in shares)
        {
            var i = users.ToList().IndexOf(s.ReceiverUserId!);
            Assert.Equal(s.AmountCents, answers[2 * i].Value!.AmountCents);
            Assert.Equal(s.AmountCents, answers[2 * i + 1].Value!.AmountCents);
            Assert.Equal(s.AmountCents, await World.BalanceAsync(s.ReceiverUserId!));
        }
        Assert.True(metricsA.Sum("redpacket.settles") > 0 && metricsB.Sum("redpacket.settles") > 0,
            $"settled on A: {metricsA.Sum("redpacket.settles")}, on B: {metricsB.Sum("redpacket.settles")}");
        Assert.Equal(100, metricsA.Sum("redpacket.settles") + metricsB.Sum("redpacket.settles"));
    }
}
