using RedPacket.Domain.Chat;
using RedPacket.Domain.Common;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Chat;

public sealed class ChatTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private ChatService Chat => Fixture.Get<ChatService>();

    [Fact]
    public async Task History_MessagesAndBubbles_InOrderWithMyAmount()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(alice, bob);
        await Chat.PostAsync(group, alice, "hi all");
        var packet = await Driver.SendAsync(alice, group, 300, 2, greeting: "for you");
        var bobs = await Driver.GrabAsync(packet.PacketId, bob);
        await Chat.PostAsync(group, bob, "thanks!");

        var seenByBob = await Chat.HistoryAsync(group, bob);

        Assert.Equal([ChatMessageKind.Text, ChatMessageKind.Packet, ChatMessageKind.Text], seenByBob.Select(i => i.Kind));
        var bubble = seenByBob[1].Packet!;
        Assert.Equal((packet.PacketId, "for you", 1, bobs.AmountCents), (bubble.PacketId, bubble.Greeting, bubble.RemainingCount, bubble.MyAmountCents));
        Assert.Null((await Chat.HistoryAsync(group, alice))[1].Packet!.MyAmountCents);
    }

    [Fact]
    public async Task History_BeforeAnId_OlderPageOldestFirst()
    {
        var alice = await Driver.UserAsync("alice");
        var group = await Driver.GroupAsync(alice);
        for (var i = 1; i <= 7; i++) await Chat.PostAsync(group, alice, $"m{i}");

        var latest = await Chat.HistoryAsync(group, alice, take: 3);
        var older = await Chat.HistoryAsync(group, alice, beforeId: latest[0].MessageId, take: 3);
        var oldest = await Chat.HistoryAsync(group, alice, beforeId: older[0].MessageId, take: 3);

        Assert.Equal(["m5", "m6", "m7"], latest.Select(i => i.Text));
        Assert.Equal(["m2", "m3", "m4"], older.Select(i => i.Text));
        Assert.Equal(["m1"], oldest.Select(i => i.Text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Post_Empty_InvalidRequest(string text)
    {
        var alice = await Driver.UserAsync("alice");
        var group = await Driver.GroupAsync(alice);
        var e = await Assert.ThrowsAsync<DomainException>(() => Chat.PostAsync(group, alice, text));
        Assert.Equal(ErrorCodes.InvalidRequest, e.Code);
    }

    [Fact]
    public async Task Post_TooLong_InvalidRequest()
    {
        var alice = await Driver.UserAsync("alice");
        var group = await Driver.GroupAsync(alice);
        var e = await Assert.ThrowsAsync<DomainException>(() => Chat.PostAsync(group, alice, new string('x', ChatService.MaxTextLength + 1)));
        Assert.Equal(ErrorCodes.InvalidRequest, e.Code);
    }
}
