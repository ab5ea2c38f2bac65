using System.Diagnostics;
using RedPacket.Domain.Common;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Tests.Support;
using Xunit.Abstractions;

namespace RedPacket.Tests.Integration.Packets;

public sealed class GrabRaceTests(DomainFixture fixture, ITestOutputHelper output)
    : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    [Fact]
    public async Task Grab_3000UsersOn100Shares_Exactly100ClaimsNobodyTwiceRestSoldOut()
    {
        var sender = await Driver.UserAsync("sender", 20_000);
        var group = await Driver.GroupAsync(sender);
        var users = await Driver.BulkMembersAsync(group, 3000, "u");
        var packet = await Driver.SendAsync(sender, group, 20_000, 100);

        var clock = Stopwatch.StartNew();
        var answers = await Concurrency.RunConcurrent(users.Count, i => Driver.GrabAsync(packet.PacketId, users[i]));
        clock.Stop();

        var claimed = answers.Where(a => a.Succeeded).ToList();
        Assert.Equal(100, claimed.Count);
        Assert.All(claimed, a => Assert.Equal(GrabOutcome.Claimed, a.Value!.Outcome));
        Assert.Equal(20_000, claimed.Sum(a => a.Value!.AmountCents));
        var refused = answers.Where(a => !a.Succeeded).Select(a => a.Error).ToList();
        Assert.Equal(2900, refused.Count);
        Assert.All(refused, e => Assert.Equal(ErrorCodes.SoldOut, Assert.IsType<DomainException>(e).Code));

        var shares = await Driver.SharesAsync(packet.PacketId);
        Assert.All(shares, s => Assert.Equal(ShareStatus.Claimed, s.Status));
        Assert.Equal(100, shares.Select(s => s.ReceiverUserId).Distinct().Count());
        var stored = await Driver.PacketAsync(packet.PacketId);
        Assert.Equal((0L, 0, PacketStatus.SoldOut), (stored.RemainingCents, stored.RemainingCount, stored.Status));

        output.WriteLine($"BENCH grab3000: {users.Count} grabs in {clock.ElapsedMilliseconds} ms = " +
                         $"{users.Count / clock.Elapsed.TotalSeconds:F0} answers/s ({claimed.Count} claims)");
    }

    [Fact]
    public async Task Grab_20ParallelBySameUser_OneClaimAndTheSameShareForAll()
    {
        var sender = await Driver.UserAsync("sender", 1_000);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(sender, bob);
        var packet = await Driver.SendAsync(sender, group, 1_000, 5);

        var answers = await Concurrency.RunConcurrent(20, _ => Driver.GrabAsync(packet.PacketId, bob));

        Assert.All(answers, a => Assert.True(a.Succeeded, a.Error?.ToString()));
        Assert.Single(answers, a => a.Value!.Outcome == GrabOutcome.Claimed);
        Assert.Single(answers.Select(a => a.Value!.AmountCents).Distinct());
        var mine = (await Driver.SharesAsync(packet.PacketId)).Where(s => s.ReceiverUserId == bob).ToList();
        Assert.Single(mine);
        Assert.Equal(mine[0].AmountCents, await Driver.BalanceAsync(bob));
        Assert.Equal(4, (await Driver.PacketAsync(packet.PacketId)).RemainingCount);
    }

    [Fact]
    public async Task Grab_RepeatedAfterLostReply_ReturnsTheSameShareAndPaysOnce()
    {
        var sender = await Driver.UserAsync("sender", 500);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(sender, bob);
        var packet = await Driver.SendAsync(sender, group, 500, 3);

        var first = await Driver.GrabAsync(packet.PacketId, bob);
        var again = await Driver.GrabAsync(packet.PacketId, bob);

        Assert.Equal(GrabOutcome.Claimed, first.Outcome);
        Assert.Equal(GrabOutcome.AlreadyClaimed, again.Outcome);
        Assert.Equal(first.AmountCents, again.AmountCents);
        Assert.Equal(first.AmountCents, await Driver.BalanceAsync(bob));
    }
}
