using RedPacket.Domain.Chat;
using RedPacket.Domain.Common;
using RedPacket.Domain.Refunds;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Chat;

public sealed class NoticeTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private ChatService Chat => Fixture.Get<ChatService>();

    [Fact]
    public async Task Notices_EveryShareTaken_OpenedPerClaimThenFullyTakenAtTheLastClaim()
    {
        var alice = await Driver.UserAsync("alice", 900);
        var bob = await Driver.UserAsync("bob");
        var carol = await Driver.UserAsync("carol");
        var dave = await Driver.UserAsync("dave");
        var group = await Driver.GroupAsync(alice, bob, carol, dave);
        var packet = await Driver.SendAsync(alice, group, 900, 3, greeting: "go");
        var b = await Driver.GrabAsync(packet.PacketId, bob);
        var bobAt = Fixture.Clock.GetUtcNow();
        Fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var c = await Driver.GrabAsync(packet.PacketId, carol);
        Fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var d = await Driver.GrabAsync(packet.PacketId, dave);
        var lastAt = Fixture.Clock.GetUtcNow();

        var notices = await Chat.NoticesAsync(group, alice, since: null);

        Assert.Equal(
            [(NoticeKind.Opened, "bob", b.AmountCents), (NoticeKind.Opened, "carol", c.AmountCents),
                (NoticeKind.Opened, "dave", d.AmountCents), (NoticeKind.FullyTaken, null, 900L)],
            notices.Select(n => (n.Kind, n.OtherUserName, n.AmountCents)));
        Assert.All(notices, n => Assert.Equal((group, packet.PacketId, "go"), (n.GroupId, n.PacketId, n.Greeting)));
        Assert.Equal((bobAt, lastAt, lastAt), (notices[0].At, notices[2].At, notices[3].At));
    }

    [Fact]
    public async Task Notices_AfterARefund_CameBackWithTheRestAtTheRefundTime()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(alice, bob);
        var packet = await Driver.SendAsync(alice, group, 1_000, 4);
        var b = await Driver.GrabAsync(packet.PacketId, bob);

        Fixture.Clock.Advance(TimeSpan.FromHours(24));
        await Fixture.Get<RefundRunner>().RunOnceAsync();
        var refundedAt = Fixture.Clock.GetUtcNow();

        var notices = await Chat.NoticesAsync(group, alice, since: null);

        Assert.Equal([(NoticeKind.Opened, b.AmountCents), (NoticeKind.CameBack, 1_000 - b.AmountCents)],
            notices.Select(n => (n.Kind, n.AmountCents)));
        Assert.Equal((packet.PacketId, refundedAt), (notices[1].PacketId, notices[1].At));
    }

    [Fact]
    public async Task Notices_Since_OnlyThoseAtOrAfterIt()
    {
        var alice = await Driver.UserAsync("alice", 900);
        var bob = await Driver.UserAsync("bob");
        var carol = await Driver.UserAsync("carol");
        var group = await Driver.GroupAsync(alice, bob, carol);
        var packet = await Driver.SendAsync(alice, group, 900, 3);
        await Driver.GrabAsync(packet.PacketId, bob);
        Fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var since = Fixture.Clock.GetUtcNow();
        await Driver.GrabAsync(packet.PacketId, carol);

        var notices = await Chat.NoticesAsync(group, alice, since);

        Assert.Equal([(NoticeKind.Opened, "carol")], notices.Select(n => (n.Kind, n.OtherUserName)));
    }

    [Fact]
    public async Task Notices_OthersPacketsAndOtherGroups_LeftOut()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var bob = await Driver.UserAsync("bob", 1_000);
        var group = await Driver.GroupAsync(alice, bob);
        var elsewhere = await Driver.GroupAsync(alice, bob);
        var bobs = await Driver.SendAsync(bob, group, 200, 2);
        var alicesElsewhere = await Driver.SendAsync(alice, elsewhere, 200, 2);
        var alices = await Driver.SendAsync(alice, group, 200, 2);
        await Driver.GrabAsync(bobs.PacketId, alice);
        await Driver.GrabAsync(alicesElsewhere.PacketId, bob);
        await Driver.GrabAsync(alices.PacketId, bob);

        var notices = await Chat.NoticesAsync(group, alice, since: null);

        Assert.Equal([alices.PacketId], notices.Select(n => n.PacketId));
    }

    [Fact]
    public async Task Notices_ForANonMember_NotMember()
    {
        var alice = await Driver.UserAsync("alice");
        var eve = await Driver.UserAsync("eve");
        var group = await Driver.GroupAsync(alice);

        var e = await Assert.ThrowsAsync<DomainException>(() => Chat.NoticesAsync(group, eve, since: null));

        Assert.Equal(ErrorCodes.NotMember, e.Code);
    }
}
