using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RedPacket.Domain.Chat;
using RedPacket.Domain.Common;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Domain.Packets.Events;
using RedPacket.Domain.Packets.Queries;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Packets;

/// <summary>The domain with a sink that keeps what live clients would be told.</summary>
public sealed class RecordingEventsFixture : DomainFixture
{
    public RecordingEventSink Events { get; } = new();

    protected override void Configure(HostApplicationBuilder builder) => builder.Services.AddSingleton<IGroupEventSink>(Events);
}

public sealed class ExclusivePacketTests(RecordingEventsFixture fixture)
    : IntegrationTest<RecordingEventsFixture>(fixture), IClassFixture<RecordingEventsFixture>
{
    private static async Task<string> CodeOf(Func<Task> act) => Assert.IsType<DomainException>(await Record.ExceptionAsync(act)).Code;

    private async Task<(string Alice, string Bob, string Carol, long Group)> GroupOfThreeAsync()
    {
        var alice = await Driver.UserAsync("alice", 5_000);
        var bob = await Driver.UserAsync("bob");
        var carol = await Driver.UserAsync("carol");
        return (alice, bob, carol, await Driver.GroupAsync(alice, bob, carol));
    }

    private Task<long> SharesLeftInRedisAsync(long packetId) => Fixture.Redis.ListLengthAsync($"{Fixture.KeyPrefix}rp:{{{packetId}}}:shares");

    [Fact]
    public async Task Send_Exclusive_OneShareOfTheWholeAmountForTheRecipient()
    {
        var (alice, bob, _, group) = await GroupOfThreeAsync();

        var sent = await Driver.SendExclusiveAsync(alice, group, 888, bob);

        var packet = await Driver.PacketAsync(sent.PacketId);
        Assert.Equal((PacketKind.Exclusive, 1, bob), (packet.Kind, packet.ShareCount, packet.RecipientUserId));
        Assert.Equal(888, Assert.Single(await Driver.SharesAsync(sent.PacketId)).AmountCents);
        Assert.Equal(bob, sent.RecipientUserId);
        Assert.Equal(5_000 - 888, await Driver.BalanceAsync(alice));
        var told = Fixture.Events.Published.OfType<PacketSent>().Single(e => e.PacketId == sent.PacketId);
        Assert.Equal((bob, "bob"), (told.RecipientUserId, told.RecipientName));
    }

    [Fact]
    public async Task Send_ExclusiveWithTwoShares_InvalidCountAndNothingDebited()
    {
        var (alice, bob, _, group) = await GroupOfThreeAsync();

        Assert.Equal(ErrorCodes.InvalidCount, await CodeOf(() => Driver.SendAsync(alice, group, 500, 2, PacketKind.Exclusive, recipient: bob)));
        Assert.Equal(5_000, await Driver.BalanceAsync(alice));
    }

    [Fact]
    public async Task Send_ExclusiveWithoutRecipient_InvalidRequest()
    {
        var (alice, _, _, group) = await GroupOfThreeAsync();

        Assert.Equal(ErrorCodes.InvalidRequest, await CodeOf(() => Driver.SendAsync(alice, group, 500, 1, PacketKind.Exclusive)));
    }

    [Fact]
    public async Task Send_ExclusiveToSelf_InvalidRequest()
    {
        var (alice, _, _, group) = await GroupOfThreeAsync();

        Assert.Equal(ErrorCodes.InvalidRequest, await CodeOf(() => Driver.SendExclusiveAsync(alice, group, 500, alice)));
    }

    [Fact]
    public async Task Send_ExclusiveToAnOutsider_InvalidRequestSayingNotInTheGroupAndNothingWritten()
    {
        var (alice, _, _, group) = await GroupOfThreeAsync();
        var eve = await Driver.UserAsync("eve");
        var before = await Driver.CountAsync<Packet>();

        var e = await Assert.ThrowsAsync<DomainException>(() => Driver.SendExclusiveAsync(alice, group, 500, eve));

        Assert.Equal(ErrorCodes.InvalidRequest, e.Code);
        Assert.Contains("not a member", e.Message);
        Assert.Equal((5_000L, before), (await Driver.BalanceAsync(alice), await Driver.CountAsync<Packet>()));
    }

    [Fact]
    public async Task Send_RecipientOnALuckyPacket_InvalidRequest()
    {
        var (alice, bob, _, group) = await GroupOfThreeAsync();

        Assert.Equal(ErrorCodes.InvalidRequest, await CodeOf(() => Driver.SendAsync(alice, group, 500, 2, PacketKind.Lucky, recipient: bob)));
    }

    [Fact]
    public async Task Send_SameKeyForAnotherRecipient_IdempotencyConflict()
    {
        var (alice, bob, carol, group) = await GroupOfThreeAsync();
        var first = await Driver.SendExclusiveAsync(alice, group, 500, bob, idempotencyKey: "x-1");

        var replay = await Driver.SendExclusiveAsync(alice, group, 500, bob, idempotencyKey: "x-1");
        var other = await CodeOf(() => Driver.SendExclusiveAsync(alice, group, 500, carol, idempotencyKey: "x-1"));

        Assert.Equal((first.PacketId, true, bob), (replay.PacketId, replay.Replayed, replay.RecipientUserId));
        Assert.Equal(ErrorCodes.IdempotencyConflict, other);
        Assert.Equal(4_500, await Driver.BalanceAsync(alice));
    }

    [Fact]
    public async Task Grab_ByRecipient_ClaimsTheWholeAmount()
    {
        var (alice, bob, _, group) = await GroupOfThreeAsync();
        var sent = await Driver.SendExclusiveAsync(alice, group, 700, bob);

        var got = await Driver.GrabAsync(sent.PacketId, bob);

        Assert.Equal((GrabOutcome.Claimed, 700L, 0), (got.Outcome, got.AmountCents, got.RemainingCount));
        Assert.Equal(700, await Driver.BalanceAsync(bob));
        Assert.Equal(PacketStatus.SoldOut, (await Driver.PacketAsync(sent.PacketId)).Status);
    }

    [Fact]
    public async Task Grab_ByAnotherMember_NotRecipientNamingTheRecipientAndTheShareStaysForThem()
    {
        var (alice, bob, carol, group) = await GroupOfThreeAsync();
        var sent = await Driver.SendExclusiveAsync(alice, group, 700, bob);

        var refused = await Fixture.Get<PacketGrabber>().GrabAsync(sent.PacketId, carol);
        var again = await Fixture.Get<PacketGrabber>().GrabAsync(sent.PacketId, carol);

        Assert.Equal(ErrorCodes.NotRecipient, refused.Refusal?.Code);
        Assert.Equal("This red packet is for bob only.", refused.Refusal!.Message);
        Assert.Equal(ErrorCodes.NotRecipient, again.Refusal?.Code);
        Assert.Equal(0, await Driver.BalanceAsync(carol));
        Assert.Equal(1, await SharesLeftInRedisAsync(sent.PacketId));
        Assert.Empty(await Fixture.Get<RedisPacketStore>().ClaimsAsync(sent.PacketId));
        Assert.Equal(1, (await Driver.PacketAsync(sent.PacketId)).RemainingCount);

        var bobs = await Driver.GrabAsync(sent.PacketId, bob);
        Assert.Equal((GrabOutcome.Claimed, 700L), (bobs.Outcome, bobs.AmountCents));
    }

    [Fact]
    public async Task Grab_ByAnotherMemberAfterTheRecipientTookIt_StillNotRecipientNotSoldOut()
    {
        var (alice, bob, carol, group) = await GroupOfThreeAsync();
        var sent = await Driver.SendExclusiveAsync(alice, group, 700, bob);
        await Driver.GrabAsync(sent.PacketId, bob);

        Assert.Equal(ErrorCodes.NotRecipient, await CodeOf(() => Driver.GrabAsync(sent.PacketId, carol)));
    }

    [Fact]
    public async Task Grab_ByAnOutsider_NotFoundAsForAnyPacket()
    {
        var (alice, bob, _, group) = await GroupOfThreeAsync();
        var eve = await Driver.UserAsync("eve");
        var sent = await Driver.SendExclusiveAsync(alice, group, 700, bob);

        Assert.Equal(ErrorCodes.NotFound, await CodeOf(() => Driver.GrabAsync(sent.PacketId, eve)));
        Assert.Equal(1, await SharesLeftInRedisAsync(sent.PacketId));
    }

    [Fact]
    public async Task Grab_FactsNotCachedOnThisNode_RecipientReadFromMySql()
    {
        var (alice, bob, carol, group) = await GroupOfThreeAsync();
        var sent = await Driver.SendExclusiveAsync(alice, group, 700, bob);
        // Another node never saw the send: its facts come from the database.
        await using var other = await Fixture.StartSecondNodeAsync();

        var refused = await other.Get<PacketGrabber>().GrabAsync(sent.PacketId, carol);

        Assert.Equal((ErrorCodes.NotRecipient, "This red packet is for bob only."), (refused.Refusal?.Code, refused.Refusal?.Message));
        Assert.Equal(GrabOutcome.Claimed, (await other.Get<PacketGrabber>().GrabAsync(sent.PacketId, bob)).Result?.Outcome);
    }

    [Fact]
    public async Task History_ExclusiveBubble_CarriesTheRecipient()
    {
        var (alice, bob, carol, group) = await GroupOfThreeAsync();
        var sent = await Driver.SendExclusiveAsync(alice, group, 700, bob);
        await Driver.SendAsync(alice, group, 300, 3);

        var items = await Fixture.Get<ChatService>().HistoryAsync(group, carol);
        var bubble = await Fixture.Get<ChatService>().BubbleAsync(sent.PacketId, carol);

        var exclusive = items.Single(i => i.Packet?.PacketId == sent.PacketId).Packet!;
        Assert.Equal((bob, "bob"), (exclusive.RecipientUserId, exclusive.RecipientName));
        Assert.Equal((bob, "bob"), (bubble?.RecipientUserId, bubble?.RecipientName));
        var lucky = items.Single(i => i.Packet is { Kind: PacketKind.Lucky }).Packet!;
        Assert.Equal((null, null), (lucky.RecipientUserId, lucky.RecipientName));
    }

    [Fact]
    public async Task Detail_Exclusive_RecipientAndNoLuckiestEvenWhenTaken()
    {
        var (alice, bob, _, group) = await GroupOfThreeAsync();
        var sent = await Driver.SendExclusiveAsync(alice, group, 700, bob);
        await Driver.GrabAsync(sent.PacketId, bob);

        var detail = await Fixture.Get<PacketQueries>().DetailAsync(sent.PacketId, alice);

        Assert.Equal((bob, "bob"), (detail?.RecipientUserId, detail?.RecipientName));
        Assert.Null(detail!.LuckiestUserId);
        Assert.DoesNotContain(detail.Claims, c => c.Luckiest);
    }

    [Fact]
    public async Task Grab_EachClaim_OnePacketOpenedToTheSenderWithTheClaimersName()
    {
        var (alice, bob, carol, group) = await GroupOfThreeAsync();
        var sent = await Driver.SendAsync(alice, group, 900, 3);

        var bobs = await Driver.GrabAsync(sent.PacketId, bob);
        var carols = await Driver.GrabAsync(sent.PacketId, carol);
        await Driver.GrabAsync(sent.PacketId, carol);
        // Callers hear their share as soon as it committed; the events follow, before the settle leaves its in-flight map.
        await Eventually.TrueAsync(() => Fixture.Get<ClaimSettler>().InFlightCount(sent.PacketId) == 0, "the settles published");

        var opened = Fixture.Events.Published.OfType<PacketOpened>().Where(e => e.PacketId == sent.PacketId).ToList();
        Assert.Equal(2, opened.Count);
        Assert.All(opened, o => Assert.Equal((group, alice, Fixture.Clock.GetUtcNow()), (o.GroupId, o.SenderUserId, o.At)));
        Assert.Equal([(bob, "bob", bobs.AmountCents), (carol, "carol", carols.AmountCents)],
            opened.Select(o => (o.ClaimerUserId, o.ClaimerName, o.AmountCents)).OrderBy(o => o.Item2));
    }
}
