using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Chat;
using RedPacket.Domain.Common;
using RedPacket.Domain.Groups;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Chat;

/// <summary>4-byte characters (emoji) are stored intact, and limits count what people see as one character.</summary>
public sealed class EmojiTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private const string Family = "👨‍👩‍👧‍👦"; // one text element, 11 UTF-16 units, 4-byte code points
    private const string RedEnvelope = "🧧";

    [Fact]
    public async Task Greeting_HundredFamilyEmoji_StoredIntactAndAHundredAndOneRefused()
    {
        var sender = await Driver.UserAsync("sender", 1_000);
        var group = await Driver.GroupAsync(sender);
        var greeting = string.Concat(Enumerable.Repeat(RedEnvelope, 99)) + Family;

        var sent = await Driver.SendAsync(sender, group, 100, 1, greeting: greeting);

        Assert.Equal(greeting, (await Driver.PacketAsync(sent.PacketId)).Greeting);
        var tooLong = await Assert.ThrowsAsync<DomainException>(() => Driver.SendAsync(sender, group, 100, 1, greeting: greeting + "!"));
        Assert.Equal(ErrorCodes.InvalidRequest, tooLong.Code);
    }

    [Fact]
    public async Task ChatMessageAndGroupName_Emoji_StoredIntact()
    {
        var alice = await Driver.UserAsync("alice");
        var groups = Fixture.Get<GroupService>();
        var name = string.Concat(Enumerable.Repeat(Family, GroupNameLimit));
        var group = await groups.CreateAsync(alice, name);
        var text = "恭喜发财 " + string.Concat(Enumerable.Repeat(Family, ChatService.MaxTextLength - 5));

        await Fixture.Get<ChatService>().PostAsync(group.Id, alice, text);

        Assert.Equal(name, await Driver.ReadAsync(db => db.Set<Group>().Where(g => g.Id == group.Id).Select(g => g.Name).SingleAsync()));
        var history = await Fixture.Get<ChatService>().HistoryAsync(group.Id, alice);
        Assert.Equal(text, Assert.Single(history).Text);
        await Assert.ThrowsAsync<DomainException>(() => groups.CreateAsync(alice, name + "x"));
    }

    private const int GroupNameLimit = Group.MaxNameLength;
}
