using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RedPacket.Domain.Chat;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Events;
using RedPacket.Web.Components.Shared;
using RedPacket.Web.Live;

namespace RedPacket.Tests.Component;

public sealed class PacketBubbleTests : ComponentTest
{
    private readonly RecordingLiveFeed _live = new();

    public PacketBubbleTests() => Ctx.Services.AddSingleton<ILiveFeed>(_live);

    private static readonly DateTimeOffset Tomorrow = DateTimeOffset.UtcNow.AddDays(1);

    private IRenderedComponent<PacketBubble> RenderBubble(int remaining = 3, long? mine = null, DateTimeOffset? expiresAt = null) =>
        Render<PacketBubble>(p => p
            .Add(b => b.GroupId, 7)
            .Add(b => b.Bubble, new PacketBubbleView(42, PacketKind.Lucky, PacketStatus.Open, 1_000, 3, remaining, "恭喜发财",
                expiresAt ?? Tomorrow, mine)));

    [Fact]
    public void Render_PastExpiryNotYetRefunded_Expired() =>
        Assert.Equal("Expired · 1 of 3 taken", Left(RenderBubble(remaining: 2, expiresAt: DateTimeOffset.UtcNow.AddMinutes(-1))));

    private static string Left(IRenderedComponent<PacketBubble> cut) => cut.Find("[data-testid=bubble-left-42]").TextContent.Trim();

    [Fact]
    public void Render_Open_ShowsSharesLeftAndWatchesItsGroup()
    {
        var cut = RenderBubble();
        Assert.Equal("3 of 3 left", Left(cut));
        cut.WaitForAssertion(() => Assert.Equal(1, _live.Watchers));
    }

    [Fact]
    public async Task PacketClaimed_Arrives_CountFallsWithoutReload()
    {
        var cut = RenderBubble();
        cut.WaitForAssertion(() => Assert.Equal(1, _live.Watchers));

        await cut.InvokeAsync(() => _live.RaiseAsync(new PacketClaimed(7, 42, "bob", 300, 2)));

        cut.WaitForAssertion(() => Assert.Equal("2 of 3 left", Left(cut)));
    }

    [Fact]
    public async Task PacketSoldOut_Arrives_AllGone()
    {
        var cut = RenderBubble(remaining: 1);
        cut.WaitForAssertion(() => Assert.Equal(1, _live.Watchers));

        await cut.InvokeAsync(() => _live.RaiseAsync(new PacketSoldOut(7, 42)));

        cut.WaitForAssertion(() => Assert.StartsWith("All gone", Left(cut)));
    }

    [Fact]
    public async Task PacketRefunded_Arrives_Expired()
    {
        var cut = RenderBubble(remaining: 2);
        cut.WaitForAssertion(() => Assert.Equal(1, _live.Watchers));

        await cut.InvokeAsync(() => _live.RaiseAsync(new PacketRefunded(7, 42, "alice", 500, 2)));

        cut.WaitForAssertion(() => Assert.StartsWith("Expired", Left(cut)));
    }

    [Fact]
    public async Task EventOfAnotherPacket_Ignored()
    {
        var cut = RenderBubble();
        cut.WaitForAssertion(() => Assert.Equal(1, _live.Watchers));

        await cut.InvokeAsync(() => _live.RaiseAsync(new PacketClaimed(7, 43, "bob", 300, 0)));

        Assert.Equal("3 of 3 left", Left(cut));
    }

    [Fact]
    public void Render_AlreadyMine_ShowsMyAmount() =>
        Assert.Equal("You got ¥3.21", RenderBubble(mine: 321).Find("[data-testid=bubble-mine-42]").TextContent.Trim());

    [Fact]
    public void Click_Bubble_OpensWithTheLatestState()
    {
        PacketBubbleView? opened = null;
        var cut = Render<PacketBubble>(p => p
            .Add(b => b.GroupId, 7)
            .Add(b => b.Bubble, new PacketBubbleView(42, PacketKind.Lucky, PacketStatus.Open, 1_000, 3, 3, "hi", Tomorrow, null))
            .Add(b => b.OnOpen, v => opened = v));

        cut.Find("[data-testid=bubble-42]").Click();

        Assert.Equal(42, opened?.PacketId);
    }
}
