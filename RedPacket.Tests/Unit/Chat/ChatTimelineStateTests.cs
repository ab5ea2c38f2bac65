using Microsoft.Extensions.Time.Testing;
using RedPacket.Domain.Chat;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Events;
using RedPacket.Web.Components.Chat;

namespace RedPacket.Tests.Unit.Chat;

public sealed class ChatTimelineStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(T0.AddMinutes(10));
    private readonly ChatTimelineState _state;

    public ChatTimelineStateTests() => _state = new ChatTimelineState("alice", _clock);

    private static ChatItem Text(long id, string sender, int minute) =>
        new(id, 7, sender, sender, ChatMessageKind.Text, $"hello {id}", null, T0.AddMinutes(minute));

    private static ChatItem Packet(long id, long packetId, string sender, int minute, int remaining = 3) =>
        new(id, 7, sender, sender, ChatMessageKind.Packet, null,
            new PacketBubbleView(packetId, PacketKind.Lucky, PacketStatus.Open, 900, 3, remaining, "恭喜发财", T0.AddDays(1), null), T0.AddMinutes(minute));

    private static ChatNotice Opened(long packetId, string who, int minute) =>
        new(NoticeKind.Opened, 7, packetId, "恭喜发财", who, 300, T0.AddMinutes(minute));

    [Fact]
    public void Entries_NoticesBetweenMessages_InTimeOrderNeverAboveTheirPacket()
    {
        _state.Reset([Text(1, "bob", 0), Packet(2, 42, "alice", 1), Text(3, "bob", 5)],
            [Opened(42, "carol", 6), Opened(42, "bob", 2), Opened(42, "early", 0)]);

        var keys = _state.Entries().Select(e => e.Item is { } i ? $"m{i.MessageId}" : $"n:{e.Notice!.OtherUserName}").ToList();

        Assert.Equal(["m1", "m2", "n:early", "n:bob", "m3", "n:carol"], keys);
    }

    [Fact]
    public void Entries_NoticesOlderThanTheFirstMessageShown_Left()
    {
        _state.Reset([Text(5, "bob", 30)], [Opened(42, "carol", 2)]);

        Assert.Single(_state.Entries());
    }

    [Fact]
    public void Apply_MessagePostedTwice_AddedOnce()
    {
        _state.Reset([Text(1, "bob", 0)], []);
        var posted = new MessagePosted(7, 2, "bob", "bob", "hi", T0.AddMinutes(1));

        Assert.Equal(LiveChange.NewMessage, _state.Apply(posted));
        Assert.Equal(LiveChange.None, _state.Apply(posted));
        Assert.Equal(2, _state.Items.Count);
    }

    [Fact]
    public void Apply_PacketSentNotShown_ReloadTail() =>
        Assert.Equal(LiveChange.ReloadTail, _state.Apply(new PacketSent(7, 43, "bob", "bob", PacketKind.Lucky, 100, 1, "hi", T0, T0.AddDays(1))));

    [Fact]
    public void Apply_ClaimsOutOfOrder_CountOnlyFalls()
    {
        _state.Reset([Packet(1, 42, "bob", 0)], []);

        _state.Apply(new PacketClaimed(7, 42, "x", 100, 1));
        _state.Apply(new PacketClaimed(7, 42, "y", 100, 2));

        Assert.Equal(1, _state.Bubble(42)!.RemainingCount);
    }

    [Fact]
    public void Apply_PacketOpenedOnMyPacket_OneNoticePerClaimer()
    {
        _state.Reset([Packet(1, 42, "alice", 0)], []);
        var opened = new PacketOpened(7, 42, "alice", "bob-id", "bob", 300, T0.AddMinutes(1));

        Assert.Equal(LiveChange.NewMessage, _state.Apply(opened));
        Assert.Equal(LiveChange.None, _state.Apply(opened));
        var notice = Assert.Single(_state.Notices);
        Assert.Equal((NoticeKind.Opened, "bob", 300L, "恭喜发财"), (notice.Kind, notice.OtherUserName, notice.AmountCents, notice.Greeting));
    }

    [Fact]
    public void Apply_PacketOpenedOfSomeoneElsesPacket_NoNotice()
    {
        _state.Reset([Packet(1, 42, "bob", 0)], []);

        Assert.Equal(LiveChange.None, _state.Apply(new PacketOpened(7, 42, "bob", "carol-id", "carol", 300, T0)));
        Assert.Empty(_state.Notices);
    }

    [Fact]
    public void Apply_MyPacketSoldOut_FullyTakenNoticeOnce()
    {
        _state.Reset([Packet(1, 42, "alice", 0, remaining: 1)], []);

        Assert.Equal(LiveChange.FullyTaken, _state.Apply(new PacketSoldOut(7, 42)));
        Assert.Equal(LiveChange.Rerender, _state.Apply(new PacketSoldOut(7, 42)));

        Assert.Equal(NoticeKind.FullyTaken, Assert.Single(_state.Notices).Kind);
        Assert.Equal((0, PacketStatus.SoldOut), (_state.Bubble(42)!.RemainingCount, _state.Bubble(42)!.Status));
    }

    [Fact]
    public void Entries_MyPacketFullyTaken_FoldedIntoItsLastOpenedNotice()
    {
        _state.Reset([Packet(1, 42, "alice", 0, remaining: 0), Text(2, "bob", 1)], [Opened(42, "bob", 2), Opened(42, "carol", 3)]);
        _state.Apply(new PacketSoldOut(7, 42));

        var lines = _state.Entries().Select(e => e.Item is { } i ? $"m{i.MessageId}" : $"{e.Notice!.Kind}:{e.Notice.OtherUserName}:{e.AllTaken}").ToList();

        Assert.Equal(["m1", "m2", "Opened:bob:False", "Opened:carol:True"], lines);
    }

    [Fact]
    public void Entries_FullyTakenButItsClaimsAreOlderThanThePage_OwnLine()
    {
        _state.Reset([Packet(1, 42, "alice", 0, remaining: 0)], [new ChatNotice(NoticeKind.FullyTaken, 7, 42, "恭喜发财", null, 0, T0.AddMinutes(1))]);

        var entry = Assert.Single(_state.Entries(), e => e.Notice is not null);

        Assert.Equal((NoticeKind.FullyTaken, false), (entry.Notice!.Kind, entry.AllTaken));
    }

    [Fact]
    public void Apply_TransferChanged_TheCardInPlaceOrTheTailForANewOne()
    {
        var card = new RedPacket.Domain.Transfers.TransferView(9, 7, "alice", "alice", "bob", "bob", 300, "", RedPacket.Domain.Transfers.TransferStatus.Pending,
            false, T0, T0.AddDays(1), null);
        _state.Reset([Text(1, "bob", 0) with { Kind = ChatMessageKind.Transfer, Text = null, Transfer = card }], []);

        var accepted = _state.Apply(new RedPacket.Domain.Transfers.TransferChanged(7, 9, "alice", "bob", 300,
            RedPacket.Domain.Transfers.TransferStatus.Accepted, false));
        var another = _state.Apply(new RedPacket.Domain.Transfers.TransferChanged(7, 10, "alice", "bob", 100,
            RedPacket.Domain.Transfers.TransferStatus.Pending, false));

        Assert.Equal((LiveChange.Rerender, LiveChange.ReloadTail), (accepted, another));
        Assert.Equal(RedPacket.Domain.Transfers.TransferStatus.Accepted, _state.TransferCard(9)!.Status);
    }

    [Fact]
    public void Apply_SomeoneElsesPacketSoldOut_BubbleOnly()
    {
        _state.Reset([Packet(1, 42, "bob", 0, remaining: 1)], []);

        Assert.Equal(LiveChange.Rerender, _state.Apply(new PacketSoldOut(7, 42)));
        Assert.Empty(_state.Notices);
    }

    [Fact]
    public void Apply_MyPacketRefunded_CameBackWithTheAmount()
    {
        _state.Reset([Packet(1, 42, "alice", 0)], []);

        Assert.Equal(LiveChange.NewMessage, _state.Apply(new PacketRefunded(7, 42, "alice", 600, 2)));

        var notice = Assert.Single(_state.Notices);
        Assert.Equal((NoticeKind.CameBack, 600L, _clock.GetUtcNow()), (notice.Kind, notice.AmountCents, notice.At));
        Assert.Equal(PacketStatus.Refunded, _state.Bubble(42)!.Status);
    }

    [Fact]
    public void Grabbed_MyShare_ShownBeforeTheHubSaysSo()
    {
        _state.Reset([Packet(1, 42, "bob", 0)], []);

        _state.Grabbed(42, 321, 2);

        Assert.Equal((321L, 2), (_state.Bubble(42)!.MyAmountCents, _state.Bubble(42)!.RemainingCount));
    }

    [Fact]
    public void Prepend_OlderPage_AboveWithoutDuplicates()
    {
        _state.Reset([Text(3, "bob", 5)], []);

        _state.Prepend([Text(1, "bob", 0), Text(2, "bob", 1), Text(3, "bob", 5)], [Opened(42, "carol", 0)]);

        Assert.Equal([1L, 2L, 3L], _state.Items.Select(i => i.MessageId));
        Assert.Single(_state.Notices);
    }
}
