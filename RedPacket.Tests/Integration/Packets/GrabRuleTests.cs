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
        var bob = await World.UserAsync("bob");
        Assert.Equal(ErrorCodes.NotFound, await CodeOf(() => World.GrabAsync(987_654_321, bob)));
    }

    [Fact]
    public async Task Grab_ByNonMember_NotFoundAsIfThePacketDidNotExistAndNothingMoves()
    {
        var sender = await World.UserAsync("sender", 300);
        var outsider = await World.UserAsync("outsider");
        var group = await World.GroupAsync(sender);
        var packet = await World.SendAsync(sender, group, 300, 3);

        Assert.Equal(ErrorCodes.NotFound, await CodeOf(() => World.GrabAsync(packet.PacketId, outsider)));
        Assert.Equal(0, await World.BalanceAsync(outsider));
        Assert.Equal(3, (await World.PacketAsync(packet.PacketId)).RemainingCount);
    }

    [Fact]
    public async Task Grab_AfterExpiry_ExpiredButEarlierClaimStillAnswered()
    {
        var sender = await World.UserAsync("sender", 300);
        var bob = await World.UserAsync("bob");
        var carol = await World.UserAsync("carol");
        var group = await World.GroupAsync(sender, bob, carol);
        var packet = await World.SendAsync(sender, group, 300, 3);
        var bobs = await World.GrabAsync(packet.PacketId, bob);

        Fixture.Clock.Advance(TimeSpan.FromHours(24));

        Assert.Equal(ErrorCodes.Expired, await CodeOf(() => World.GrabAsync(packet.PacketId, carol)));
        var again = await World.GrabAsync(packet.PacketId, bob);
        Assert.Equal((GrabOutcome.AlreadyClaimed, bobs.AmountCents), (again.Outcome, again.AmountCents));
    }

    [Fact]
    public async Task Grab_FixedPacket_EverybodyGetsTheEvenSplit()
    {
        var sender = await World.UserAsync("sender", 1_000);
        var members = new List<string>();
        for (var i = 0; i < 4; i++) members.Add(await World.UserAsync($"m{i}"));
        var group = await World.GroupAsync(sender, [.. members]);
        var packet = await World.SendAsync(sender, group, 1_000, 4, PacketKind.Fixed);

        var amounts = new List<long>();
        foreach (var m in members) amounts.Add((await World.GrabAsync(packet.PacketId, m)).AmountCents);

        Assert.All(amounts, a => Assert.Equal(250, a));
        Assert.Equal(PacketStatus.SoldOut, (await World.PacketAsync(packet.PacketId)).Status);
    }
}
