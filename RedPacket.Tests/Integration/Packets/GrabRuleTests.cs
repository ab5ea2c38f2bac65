using RedPacket.Domain.Common;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Packets;

public sealed class GrabRuleTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private static async Task<string> CodeOf(Func<Task> act) => Assert.IsType<DomainException>(await Record.ExceptionAsync(act)).Code;

    [Fact]
    public async Task Grab_UnknownPacket_NotFound()
    {
        var bob = await Driver.UserAsync("bob");
        Assert.Equal(ErrorCodes.NotFound, await CodeOf(() => Driver.GrabAsync(987_654_321, bob)));
    }

    [Fact]
    public async Task Grab_ByNonMember_NotFoundAsIfThePacketDidNotExistAndNothingMoves()
    {
        var sender = await Driver.UserAsync("sender", 300);
        var outsider = await Driver.UserAsync("outsider");
        var group = await Driver.GroupAsync(sender);
        var packet = await Driver.SendAsync(sender, group, 300, 3);

        Assert.Equal(ErrorCodes.NotFound, await CodeOf(() => Driver.GrabAsync(packet.PacketId, outsider)));
        Assert.Equal(0, await Driver.BalanceAsync(outsider));
        Assert.Equal(3, (await Driver.PacketAsync(packet.PacketId)).RemainingCount);
    }

    [Fact]
    public async Task Grab_AfterExpiry_ExpiredButEarlierClaimStillAnswered()
    {
        var sender = await Driver.UserAsync("sender", 300);
        var bob = await Driver.UserAsync("bob");
        var carol = await Driver.UserAsync("carol");
        var group = await Driver.GroupAsync(sender, bob, carol);
        var packet = await Driver.SendAsync(sender, group, 300, 3);
        var bobs = await Driver.GrabAsync(packet.PacketId, bob);

        Fixture.Clock.Advance(TimeSpan.FromHours(24));

        Assert.Equal(ErrorCodes.Expired, await CodeOf(() => Driver.GrabAsync(packet.PacketId, carol)));
        var again = await Driver.GrabAsync(packet.PacketId, bob);
        Assert.Equal((GrabOutcome.AlreadyClaimed, bobs.AmountCents), (again.Outcome, again.AmountCents));
    }

    [Fact]
    public async Task Grab_FixedPacket_EverybodyGetsTheEvenSplit()
    {
        var sender = await Driver.UserAsync("sender", 1_000);
        var members = new List<string>();
        for (var i = 0; i < 4; i++) members.Add(await Driver.UserAsync($"m{i}"));
        var group = await Driver.GroupAsync(sender, [.. members]);
        var packet = await Driver.SendAsync(sender, group, 1_000, 4, PacketKind.Fixed);

        var amounts = new List<long>();
        foreach (var m in members) amounts.Add((await Driver.GrabAsync(packet.PacketId, m)).AmountCents);

        Assert.All(amounts, a => Assert.Equal(250, a));
        Assert.Equal(PacketStatus.SoldOut, (await Driver.PacketAsync(packet.PacketId)).Status);
    }
}
