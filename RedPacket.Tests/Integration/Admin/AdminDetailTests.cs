using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Queries;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Admin;

public sealed class AdminDetailTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private PacketQueries Packets => Fixture.Get<PacketQueries>();

    [Fact]
    public async Task DetailForAdmin_AnyPacket_WhatMembersSee()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var bob = await Driver.UserAsync("bob");
        var carol = await Driver.UserAsync("carol");
        var packet = await Driver.SendAsync(alice, await Driver.GroupAsync(alice, bob, carol), 900, 3, greeting: "恭喜发财");
        await Driver.GrabAsync(packet.PacketId, bob);
        Fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await Driver.GrabAsync(packet.PacketId, carol);

        var admin = await Packets.DetailForAdminAsync(packet.PacketId);
        var member = await Packets.DetailAsync(packet.PacketId, carol);

        Assert.NotNull(admin);
        Assert.Equivalent(member, admin, strict: true);
        Assert.Equal(["bob", "carol"], admin.Claims.Select(c => c.UserName));
        Assert.Equal(("alice", "恭喜发财", PacketKind.Lucky), (admin.SenderName, admin.Greeting, admin.Kind));
    }

    [Fact]
    public async Task DetailForAdmin_UnknownPacket_Null() =>
        Assert.Null(await Packets.DetailForAdminAsync(long.MaxValue));
}
