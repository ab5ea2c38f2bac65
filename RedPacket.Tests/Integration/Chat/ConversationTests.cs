using RedPacket.Domain.Chat;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Chat;

/// <summary>The conversation list: newest line and unread count per group, read marks kept in MySQL.</summary>
public sealed class ConversationTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private ChatService Chat => Fixture.Get<ChatService>();
    private ConversationService Conversations => Fixture.Get<ConversationService>();

    [Fact]
    public async Task List_NewestFirst_LastLineAndOthersUnreadLines()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var bob = await Driver.UserAsync("bob");
        var quiet = await Driver.GroupAsync(alice, bob);
        var busy = await Driver.GroupAsync(alice, bob);
        var empty = await Driver.GroupAsync(alice);
        await Chat.PostAsync(quiet, bob, "morning");
        await Chat.PostAsync(busy, bob, "one");
        await Chat.PostAsync(busy, alice, "mine do not count");
        await Driver.SendAsync(alice, busy, 300, 2, greeting: "恭喜发财");
        await Chat.PostAsync(busy, bob, "two");

        var list = await Conversations.ListAsync(alice);

        Assert.Equal([busy, quiet, empty], list.Select(c => c.GroupId));
        var b = list[0];
        Assert.Equal((false, "two", 2), (b.LastIsPacket, b.LastText, b.Unread));
        Assert.Equal((1, "morning"), (list[1].Unread, list[1].LastText));
        Assert.Equal((0, (DateTimeOffset?)null), (list[2].Unread, list[2].LastAt));
    }

    [Fact]
    public async Task List_NewestLineIsAPacket_ItsGreeting()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(alice, bob);
        await Driver.SendAsync(alice, group, 300, 2, greeting: "大吉大利");

        var seenByBob = Assert.Single(await Conversations.ListAsync(bob), c => c.GroupId == group);

        Assert.Equal((true, "大吉大利", 1), (seenByBob.LastIsPacket, seenByBob.LastText, seenByBob.Unread));
    }

    [Fact]
    public async Task MarkRead_ThenNewLines_OnlyTheNewCount()
    {
        var alice = await Driver.UserAsync("alice");
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(alice, bob);
        for (var i = 0; i < 3; i++) await Chat.PostAsync(group, bob, $"m{i}");

        await Conversations.MarkReadAsync(group, alice);
        Assert.Equal(0, (await Conversations.ListAsync(alice)).Single(c => c.GroupId == group).Unread);
        await Chat.PostAsync(group, bob, "new");
        await Chat.PostAsync(group, bob, "newer");

        Assert.Equal(2, (await Conversations.ListAsync(alice)).Single(c => c.GroupId == group).Unread);
        // bob's own lines never count for bob.
        Assert.Equal(0, (await Conversations.ListAsync(bob)).Single(c => c.GroupId == group).Unread);
    }
}
