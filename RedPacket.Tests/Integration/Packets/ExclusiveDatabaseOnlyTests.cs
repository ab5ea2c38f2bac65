using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RedPacket.Domain.Common;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Domain.Packets.Events;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Packets;

/// <summary>The database-only baseline, with the events it publishes kept.</summary>
public sealed class DatabaseOnlyRecordingFixture : DomainFixture
{
    public RecordingEventSink Events { get; } = new();

    protected override void Configure(HostApplicationBuilder builder)
    {
        builder.Configuration["RedPacket:Grab:Mode"] = "Database";
        builder.Services.AddSingleton<IGroupEventSink>(Events);
    }
}

public sealed class ExclusiveDatabaseOnlyTests(DatabaseOnlyRecordingFixture fixture)
    : IntegrationTest<DatabaseOnlyRecordingFixture>(fixture), IClassFixture<DatabaseOnlyRecordingFixture>
{
    private static async Task<string> CodeOf(Func<Task> act) => Assert.IsType<DomainException>(await Record.ExceptionAsync(act)).Code;

    [Fact]
    public async Task Grab_ByAnotherMember_NotRecipientAndTheRecipientStillGetsIt()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var bob = await Driver.UserAsync("bob");
        var carol = await Driver.UserAsync("carol");
        var eve = await Driver.UserAsync("eve");
        var group = await Driver.GroupAsync(alice, bob, carol);
        var sent = await Driver.SendExclusiveAsync(alice, group, 600, bob);

        var refused = await Fixture.Get<PacketGrabber>().GrabAsync(sent.PacketId, carol);

        Assert.Equal((ErrorCodes.NotRecipient, "This red packet is for bob only."), (refused.Refusal?.Code, refused.Refusal?.Message));
        Assert.Equal(ErrorCodes.NotFound, await CodeOf(() => Driver.GrabAsync(sent.PacketId, eve)));
        Assert.Equal(1, (await Driver.PacketAsync(sent.PacketId)).RemainingCount);
        var bobs = await Driver.GrabAsync(sent.PacketId, bob);
        Assert.Equal((GrabOutcome.Claimed, 600L), (bobs.Outcome, bobs.AmountCents));
        Assert.Equal(0, await Driver.BalanceAsync(carol));
    }

    [Fact]
    public async Task Grab_DirectlyThroughTheDatabaseGrabber_StillRefusesANonRecipient()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var bob = await Driver.UserAsync("bob");
        var carol = await Driver.UserAsync("carol");
        var group = await Driver.GroupAsync(alice, bob, carol);
        var sent = await Driver.SendExclusiveAsync(alice, group, 600, bob);
        var facts = (await Fixture.Get<RedPacket.Domain.Packets.PacketDirectory>().FindAsync(sent.PacketId))!;

        var refused = await Fixture.Get<DatabaseOnlyGrabber>().GrabAsync(facts, carol, CancellationToken.None);

        Assert.Equal(ErrorCodes.NotRecipient, refused.Refusal?.Code);
        Assert.Equal(1, (await Driver.PacketAsync(sent.PacketId)).RemainingCount);
    }

    [Fact]
    public async Task Grab_EachClaim_OnePacketOpenedToTheSenderWithTheClaimersName()
    {
        var alice = await Driver.UserAsync("alice", 1_000);
        var bob = await Driver.UserAsync("bob");
        var carol = await Driver.UserAsync("carol");
        var group = await Driver.GroupAsync(alice, bob, carol);
        var sent = await Driver.SendAsync(alice, group, 900, 3);

        var bobs = await Driver.GrabAsync(sent.PacketId, bob);
        var carols = await Driver.GrabAsync(sent.PacketId, carol);
        await Driver.GrabAsync(sent.PacketId, bob);

        // Published before the grab answers in this mode.
        var opened = Fixture.Events.Published.OfType<PacketOpened>().Where(e => e.PacketId == sent.PacketId).ToList();
        Assert.Equal([(bob, "bob", bobs.AmountCents), (carol, "carol", carols.AmountCents)],
            opened.Select(o => (o.ClaimerUserId, o.ClaimerName, o.AmountCents)));
        Assert.All(opened, o => Assert.Equal((group, alice, Fixture.Clock.GetUtcNow()), (o.GroupId, o.SenderUserId, o.At)));
    }
}
