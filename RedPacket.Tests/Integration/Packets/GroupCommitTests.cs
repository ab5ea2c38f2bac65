using RedPacket.Domain.Common;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Domain.Packets.Sending;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Packets;

/// <summary>
/// The group commit (ADR 13): the batches of different packets that are ready at once settle in one transaction.
/// Each test blocks one packet's commit on its row lock (held from outside), so the batches of other packets of the
/// same lane queue behind it and go together in the next commit.
/// </summary>
public sealed class GroupCommitTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private GroupCommitter Commits => Fixture.Get<GroupCommitter>();

    /// <summary>A blocker packet and <paramref name="count"/> more packets of the same commit lane.</summary>
    private async Task<(SentPacket Blocker, List<SentPacket> Packets, IReadOnlyList<string> Members)> SameLaneAsync(int count, int shares)
    {
        var sender = await Driver.UserAsync("sender", 1_000_000);
        var group = await Driver.GroupAsync(sender);
        var members = await Driver.BulkMembersAsync(group, 12, "g" + Guid.NewGuid().ToString("N")[..6]);
        var blocker = await Driver.SendAsync(sender, group, 1_000, shares);
        var packets = new List<SentPacket>();
        while (packets.Count < count)
        {
            var p = await Driver.SendAsync(sender, group, 1_000, shares);
            if (Commits.LaneOf(p.PacketId) == Commits.LaneOf(blocker.PacketId)) packets.Add(p);
        }
        return (blocker, packets, members);
    }

    [Fact]
    public async Task Grab_ClaimsOnManyPacketsWaitingTogether_SettleInOneCommitAndEachIsPaid()
    {
        var (blocker, packets, members) = await SameLaneAsync(8, shares: 3);
        using var metrics = new MetricsRecorder(Fixture);

        Task<GrabResult> first;
        Task<IReadOnlyList<Outcome<GrabResult>>> grabs;
        await using (await Driver.HoldPacketLockAsync(blocker.PacketId))
        {
            first = Driver.GrabAsync(blocker.PacketId, members[0]);
            await Eventually.TrueAsync(() => Commits.InLane(blocker.PacketId) == 1, "the blocker's commit waits on the lock");
            // Three members tap each of the eight packets: members[1] and [2] are paid in every one of them.
            grabs = Concurrency.RunConcurrent(packets.Count * 3, i => Driver.GrabAsync(packets[i / 3].PacketId, members[1 + i % 3]));
            await Eventually.TrueAsync(() => Commits.InLane(blocker.PacketId) == 1 + packets.Count, "every packet's batch queued in the lane");
        }
        await first;
        var answers = await grabs;

        Assert.All(answers, a => Assert.Equal(GrabOutcome.Claimed, a.Value!.Outcome));
        // The blocker's commit alone, then the eight packets' batches together.
        Assert.Contains(metrics.Values("redpacket.settle.commit_packets"), n => n == packets.Count);
        for (var m = 1; m <= 3; m++)
        {
            var paid = answers.Where((_, i) => 1 + i % 3 == m).Sum(a => a.Value!.AmountCents);
            Assert.Equal(paid, await Driver.BalanceAsync(members[m]));
        }
        foreach (var p in packets)
        {
            var stored = await Driver.PacketAsync(p.PacketId);
            Assert.Equal((0, 0L, PacketStatus.SoldOut), (stored.RemainingCount, stored.RemainingCents, stored.Status));
        }
    }

    [Fact]
    public async Task Commit_OnePacketOfTheGroupFails_TheOthersStillSettle()
    {
        var (blocker, packets, members) = await SameLaneAsync(3, shares: 2);
        using var metrics = new MetricsRecorder(Fixture);

        Task<GrabResult> first;
        Task<IReadOnlyList<Outcome<GrabResult>>> grabs;
        Task<BatchResult> ghost;
        await using (await Driver.HoldPacketLockAsync(blocker.PacketId))
        {
            first = Driver.GrabAsync(blocker.PacketId, members[0]);
            await Eventually.TrueAsync(() => Commits.InLane(blocker.PacketId) == 1, "the blocker's commit waits on the lock");
            grabs = Concurrency.RunConcurrent(packets.Count, i => Driver.GrabAsync(packets[i].PacketId, members[1]));
            // A batch of a packet MySQL does not have (in the same lane) joins the group.
            var missing = 9_000_000_000L;
            while (Commits.LaneOf(missing) != Commits.LaneOf(blocker.PacketId)) missing++;
            ghost = Commits.SettleAsync(new PacketClaims(missing, [new PendingClaim(members[2], new ShareToken(1, 100))]));
            await Eventually.TrueAsync(() => Commits.InLane(blocker.PacketId) == 2 + packets.Count, "every batch queued in the lane");
        }
        await first;

        Assert.All(await grabs, a => Assert.Equal(GrabOutcome.Claimed, a.Value!.Outcome));
        Assert.Equal(ErrorCodes.NotFound, Assert.IsType<DomainException>(await Record.ExceptionAsync(() => ghost)).Code);
        Assert.Equal(0, await Driver.BalanceAsync(members[2]));
        // The group failed once as a whole, then each packet was settled alone.
        Assert.Equal(packets.Count, metrics.Values("redpacket.settle.commit_packets").Count(n => n == 1) - 1);
    }

    [Fact]
    public async Task Commits_ManyPacketsPayingTheSamePeopleInterleaved_NeverDeadlockAndAddUp()
    {
        var sender = await Driver.UserAsync("sender", 1_000_000);
        var group = await Driver.GroupAsync(sender);
        var members = await Driver.BulkMembersAsync(group, 20, "i" + Guid.NewGuid().ToString("N")[..6]);
        var packets = new List<SentPacket>();
        for (var i = 0; i < 40; i++) packets.Add(await Driver.SendAsync(sender, group, 2_000, 10));
        using var metrics = new MetricsRecorder(Fixture);

        // Round after round over every packet, members in a different order each time, like taps on New Year's Eve.
        var answers = await Concurrency.RunConcurrent(packets.Count * members.Count,
            i => Driver.GrabAsync(packets[i % packets.Count].PacketId, members[(i / packets.Count + i % 7) % members.Count]));

        Assert.All(answers, a => Assert.True(a.Succeeded || a.Error is DomainException { Code: ErrorCodes.SoldOut }, a.Error?.ToString()));
        Assert.Equal(packets.Count * 2_000L, answers.Where(a => a.Succeeded && a.Value!.Outcome == GrabOutcome.Claimed).Sum(a => a.Value!.AmountCents));
        var balances = 0L;
        foreach (var m in members) balances += await Driver.BalanceAsync(m);
        Assert.Equal(packets.Count * 2_000L, balances);
        Assert.True(metrics.Sum("redpacket.transaction.retries", "error", 1213) == 0, "a commit deadlocked");
        Assert.Contains(metrics.Values("redpacket.settle.commit_packets"), n => n > 1);
    }
}
