using RedPacket.Domain.Common;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Packets;

public sealed class SettleFailureTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    [Fact]
    public async Task Grab_SettleFailsAtShareUpdate_ErrorNoMoneyMovesShareGrabbableAgain()
    {
        var sender = await Driver.UserAsync("sender", 100);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(sender, bob);
        var packet = await Driver.SendAsync(sender, group, 100, 1);
        // Every attempt of the settle transaction fails at the share's UPDATE (after the locks were taken).
        Fixture.Faults.FailWhen(c => c.CommandText.Contains("UPDATE `red_packet_shares`"), times: 100);

        var code = await Driver.RefusedAsync(packet.PacketId, bob);

        Assert.Equal(ErrorCodes.Busy, code);
        Assert.True(Fixture.Faults.Injected > 0);
        Assert.Equal(0, await Driver.BalanceAsync(bob));
        Assert.All(await Driver.SharesAsync(packet.PacketId), s => Assert.Equal(ShareStatus.Unclaimed, s.Status));

        Fixture.Faults.Disarm();
        var retry = await Driver.GrabAsync(packet.PacketId, bob);

        Assert.Equal((GrabOutcome.Claimed, 100L), (retry.Outcome, retry.AmountCents));
        Assert.Equal(100, await Driver.BalanceAsync(bob));
    }

    [Fact]
    public async Task Grab_SettleFailsOnLastShare_OthersCanStillGetIt()
    {
        var sender = await Driver.UserAsync("sender", 100);
        var bob = await Driver.UserAsync("bob");
        var carol = await Driver.UserAsync("carol");
        var group = await Driver.GroupAsync(sender, bob, carol);
        var packet = await Driver.SendAsync(sender, group, 100, 1);
        Fixture.Faults.FailWhen(c => c.CommandText.Contains("UPDATE `accounts`"), times: 100);

        await Driver.RefusedAsync(packet.PacketId, bob);
        Fixture.Faults.Disarm();
        var carols = await Driver.GrabAsync(packet.PacketId, carol);

        Assert.Equal(100, carols.AmountCents);
        Assert.Equal((0L, 100L), (await Driver.BalanceAsync(bob), await Driver.BalanceAsync(carol)));
    }

    [Theory]
    [InlineData(1213)]
    [InlineData(1205)]
    [InlineData(1020)]
    public async Task Grab_TransientServerErrorOnce_RetriedWholeAndSucceeds(int errorNumber)
    {
        var sender = await Driver.UserAsync("sender", 100);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(sender, bob);
        var packet = await Driver.SendAsync(sender, group, 100, 2);
        Fixture.Faults.FailWithServerError(c => c.CommandText.Contains("UPDATE `red_packets`"), errorNumber, times: 2);

        var result = await Driver.GrabAsync(packet.PacketId, bob);

        Assert.Equal(GrabOutcome.Claimed, result.Outcome);
        Assert.Equal(2, Fixture.Faults.Injected);
        Assert.Equal(result.AmountCents, await Driver.BalanceAsync(bob));
        Assert.Equal(1, (await Driver.PacketAsync(packet.PacketId)).RemainingCount);
    }

    [Fact]
    public async Task Grab_CommitWentThroughButItsReplyWasLost_TheUserHearsTheShareTheyWerePaid()
    {
        var sender = await Driver.UserAsync("sender", 300);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(sender, bob);
        var packet = await Driver.SendAsync(sender, group, 300, 2);
        Fixture.Faults.LoseReplyOfNextCommit();

        var result = await Driver.GrabAsync(packet.PacketId, bob);

        Assert.Equal(1, Fixture.Faults.Injected);
        Assert.Equal(GrabOutcome.Claimed, result.Outcome);
        Assert.Equal(result.AmountCents, await Driver.BalanceAsync(bob));
        var mine = Assert.Single(await Driver.SharesAsync(packet.PacketId), s => s.ReceiverUserId == bob);
        Assert.Equal(result.AmountCents, mine.AmountCents);
        // The claim was not released: Redis still says it is bob's, and settled.
        var again = await Driver.GrabAsync(packet.PacketId, bob);
        Assert.Equal((GrabOutcome.AlreadyClaimed, result.AmountCents), (again.Outcome, again.AmountCents));
        Assert.Equal(result.AmountCents, await Driver.BalanceAsync(bob));
    }
}
