using RedPacket.Domain.Common;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Domain.Packets.Sending;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Packets;

/// <summary>
/// The per-packet batch writer: claims that queue while a batch holds the packet row settle together in the next
/// one. Each test holds the packet's row lock from outside to make a batch form, then lets it go.
/// </summary>
public sealed class BatchSettleTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private ClaimSettler Batcher => Fixture.Get<ClaimSettler>();

    private async Task<(IReadOnlyList<string> Users, SentPacket Packet)> PacketAsync(int members, int shares, long cents = 10_000)
    {
        var sender = await Driver.UserAsync("sender", cents);
        var group = await Driver.GroupAsync(sender);
        var users = await Driver.BulkMembersAsync(group, members, "b" + Guid.NewGuid().ToString("N")[..6]);
        return (users, await Driver.SendAsync(sender, group, cents, shares));
    }

    /// <summary>Starts the grabs and waits until the first is stuck on the lock and the rest wait in the queue.</summary>
    private async Task<Task<IReadOnlyList<Outcome<GrabResult>>>> QueueBehindLockAsync(long packetId, IReadOnlyList<string> users)
    {
        var grabs = Concurrency.RunConcurrent(users.Count, i => Driver.GrabAsync(packetId, users[i]));
        await Eventually.TrueAsync(() => Batcher.InFlightCount(packetId) == users.Count, "every claim handed to the batch writer");
        return grabs;
    }

    [Fact]
    public async Task Grab_ClaimsQueuedBehindOneBatch_SettleTogetherInTheNext()
    {
        var (users, packet) = await PacketAsync(30, 40);
        using var metrics = new MetricsRecorder(Fixture);

        Task<IReadOnlyList<Outcome<GrabResult>>> grabs;
        await using (await Driver.HoldPacketLockAsync(packet.PacketId))
            grabs = await QueueBehindLockAsync(packet.PacketId, users);
        var answers = await grabs;

        Assert.All(answers, a => Assert.Equal(GrabOutcome.Claimed, a.Value!.Outcome));
        var batches = metrics.Values("redpacket.settle.batch_size");
        Assert.Equal(30, batches.Sum());
        // The first batch takes what had queued when its writer started; the rest waited and went together.
        Assert.True(batches.Count <= 3 && batches.Max() >= 15, $"batches: {string.Join(",", batches)}");
        for (var i = 0; i < users.Count; i++) Assert.Equal(answers[i].Value!.AmountCents, await Driver.BalanceAsync(users[i]));
        Assert.Equal(10, (await Driver.PacketAsync(packet.PacketId)).RemainingCount);
    }

    [Fact]
    public async Task Grab_BatchHitsADeadlockOnce_RetriedWholeAndEveryoneClaims()
    {
        var (users, packet) = await PacketAsync(20, 20);
        using var metrics = new MetricsRecorder(Fixture);

        Task<IReadOnlyList<Outcome<GrabResult>>> grabs;
        await using (await Driver.HoldPacketLockAsync(packet.PacketId))
        {
            grabs = await QueueBehindLockAsync(packet.PacketId, users);
            Fixture.Faults.FailWithServerError(c => c.CommandText.Contains("UPDATE `red_packets`"), 1213, times: 1);
        }
        var answers = await grabs;

        Assert.All(answers, a => Assert.Equal(GrabOutcome.Claimed, a.Value!.Outcome));
        Assert.Equal(1, Fixture.Faults.Injected);
        Assert.Equal(1, metrics.Sum("redpacket.transaction.retries", "error", 1213));
        var stored = await Driver.PacketAsync(packet.PacketId);
        Assert.Equal((0, PacketStatus.SoldOut), (stored.RemainingCount, stored.Status));
    }

    [Fact]
    public async Task Grab_BatchFailsForGood_EveryCallerBusyNothingPaidSharesGrabbableAgain()
    {
        var (users, packet) = await PacketAsync(10, 10);

        Task<IReadOnlyList<Outcome<GrabResult>>> grabs;
        await using (await Driver.HoldPacketLockAsync(packet.PacketId))
        {
            grabs = await QueueBehindLockAsync(packet.PacketId, users);
            Fixture.Faults.FailWhen(c => c.CommandText.Contains("UPDATE `accounts`"), times: 1000);
        }
        var answers = await grabs;
        Fixture.Faults.Disarm();

        Assert.All(answers, a => Assert.Equal(ErrorCodes.Busy, Assert.IsType<DomainException>(a.Error).Code));
        Assert.All(await Driver.SharesAsync(packet.PacketId), s => Assert.Equal(ShareStatus.Unclaimed, s.Status));
        foreach (var u in users) Assert.Equal(0, await Driver.BalanceAsync(u));

        // Released: the same people tap again and get every share.
        var again = await Concurrency.RunConcurrent(users.Count, i => Driver.GrabAsync(packet.PacketId, users[i]));
        Assert.All(again, a => Assert.Equal(GrabOutcome.Claimed, a.Value!.Outcome));
        Assert.Equal(10_000, again.Sum(a => a.Value!.AmountCents));
    }

    [Fact]
    public async Task Grab_BatchMixesNewClaimsAndRepeats_EachAnsweredRightAndPaidOnce()
    {
        var (users, packet) = await PacketAsync(6, 10);
        var (blocker, crashed, settled, fresh1, fresh2) = (users[0], users[1], users[2], users[3], users[4]);
        // A node popped this claim in Redis and died before MySQL heard of it.
        var left = (await Fixture.Get<RedisPacketStore>().ClaimAsync(packet.PacketId, crashed)).Share!.Value;
        // Settled in MySQL, but its settled mark is gone from Redis (lost reply): the repeat must ask MySQL.
        var paid = await Driver.GrabAsync(packet.PacketId, settled);
        // The writer marks a claim settled just after answering it: wait for the mark, then take it away.
        var marks = $"{Fixture.KeyPrefix}rp:{{{packet.PacketId}}}:settled";
        await Eventually.TrueAsync(async () => await Fixture.Redis.SetContainsAsync(marks, settled), "the settled mark written");
        await Eventually.TrueAsync(() => Batcher.InFlightCount(packet.PacketId) == 0, "the first settle finished");
        await Fixture.Redis.SetRemoveAsync(marks, settled);
        using var metrics = new MetricsRecorder(Fixture);

        Task<IReadOnlyList<Outcome<GrabResult>>> grabs;
        Task<GrabResult> blocked;
        await using (await Driver.HoldPacketLockAsync(packet.PacketId))
        {
            var first = Driver.GrabAsync(packet.PacketId, blocker);
            await Eventually.TrueAsync(() => Batcher.SettlingCount(packet.PacketId) == 1, "the blocker's batch waits on the lock");
            string[] mix = [crashed, settled, fresh1, fresh2, settled];
            grabs = Concurrency.RunConcurrent(mix.Length, i => Driver.GrabAsync(packet.PacketId, mix[i]));
            // The four claims wait behind the lock (queued, or taken into a batch of their own), and the same user's
            // second tap joined the first instead of starting a settle of its own.
            await Eventually.TrueAsync(() => Batcher.InFlightCount(packet.PacketId) == 5 && metrics.Sum("redpacket.settle.joined") == 1,
                "four more claims in flight, and the same user's second tap joined the first");
            blocked = first;
        }
        var answers = await grabs;
        await blocked;

        Assert.Equal(GrabOutcome.AlreadyClaimed, answers[0].Value!.Outcome);
        Assert.Equal(left.AmountCents, answers[0].Value!.AmountCents);
        Assert.Equal(left.AmountCents, await Driver.BalanceAsync(crashed));
        Assert.Equal((GrabOutcome.AlreadyClaimed, paid.AmountCents), (answers[1].Value!.Outcome, answers[1].Value!.AmountCents));
        Assert.Equal((GrabOutcome.AlreadyClaimed, paid.AmountCents), (answers[4].Value!.Outcome, answers[4].Value!.AmountCents));
        Assert.Equal(paid.AmountCents, await Driver.BalanceAsync(settled));
        Assert.Equal(GrabOutcome.Claimed, answers[2].Value!.Outcome);
        Assert.Equal(GrabOutcome.Claimed, answers[3].Value!.Outcome);
        // Settled together: the four that waited behind the lock went as one batch (with the blocker's, if it took them).
        Assert.Contains(metrics.Values("redpacket.settle.batch_size"), size => size >= 4);
        Assert.Equal(5, (await Driver.SharesAsync(packet.PacketId)).Count(s => s.Status == ShareStatus.Claimed));
    }

    [Fact]
    public async Task Grab_RepeatAfterTheSettle_AnsweredByRedisAloneWithNoSql()
    {
        var (users, packet) = await PacketAsync(2, 5);
        var first = await Driver.GrabAsync(packet.PacketId, users[0]);
        await Eventually.TrueAsync(() => Fixture.Redis.SetContainsAsync($"{Fixture.KeyPrefix}rp:{{{packet.PacketId}}}:settled", users[0]),
            "the settled mark");

        var before = Fixture.Faults.Commands;
        var again = await Driver.GrabAsync(packet.PacketId, users[0]);

        Assert.Equal(before, Fixture.Faults.Commands);
        Assert.Equal((GrabOutcome.AlreadyClaimed, first.AmountCents), (again.Outcome, again.AmountCents));
    }

    [Fact]
    public async Task Grab_RepeatsWhileTheClaimSettles_WaitForThatSameSettle()
    {
        var (users, packet) = await PacketAsync(1, 5);
        using var metrics = new MetricsRecorder(Fixture);

        Task<IReadOnlyList<Outcome<GrabResult>>> repeats;
        Task<GrabResult> first;
        await using (await Driver.HoldPacketLockAsync(packet.PacketId))
        {
            first = Driver.GrabAsync(packet.PacketId, users[0]);
            await Eventually.TrueAsync(() => Fixture.Redis.HashExistsAsync($"{Fixture.KeyPrefix}rp:{{{packet.PacketId}}}:claims", users[0]),
                "the first tap's claim");
            repeats = Concurrency.RunConcurrent(5, _ => Driver.GrabAsync(packet.PacketId, users[0]));
            await Eventually.TrueAsync(() => metrics.Sum("redpacket.settle.joined") == 5, "five repeats joined the settle in flight");
        }

        var claimed = await first;
        Assert.Equal(GrabOutcome.Claimed, claimed.Outcome);
        Assert.All(await repeats, a => Assert.Equal((GrabOutcome.AlreadyClaimed, claimed.AmountCents), (a.Value!.Outcome, a.Value!.AmountCents)));
        Assert.Equal([1L], metrics.Values("redpacket.settle.batch_size"));
        Assert.Equal(claimed.AmountCents, await Driver.BalanceAsync(users[0]));
    }
}
