using Microsoft.Extensions.Hosting;
using RedPacket.Domain.Common;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Packets;

/// <summary>The benchmark's baseline: no Redis gate, one packet row lock per grab.</summary>
public sealed class DatabaseOnlyFixture : DomainFixture
{
    protected override void Configure(HostApplicationBuilder builder) => builder.Configuration["RedPacket:Grab:Mode"] = "Database";
}

public sealed class DatabaseOnlyModeTests(DatabaseOnlyFixture fixture)
    : IntegrationTest<DatabaseOnlyFixture>(fixture), IClassFixture<DatabaseOnlyFixture>
{
    [Fact]
    public async Task Grab_300UsersOn30Shares_Exactly30ClaimsRestSoldOutRedisUntouched()
    {
        var sender = await Driver.UserAsync("sender", 3_000);
        var group = await Driver.GroupAsync(sender);
        var users = await Driver.BulkMembersAsync(group, 300, "d");
        var packet = await Driver.SendAsync(sender, group, 3_000, 30);

        var answers = await Concurrency.RunConcurrent(users.Count, i => Driver.GrabAsync(packet.PacketId, users[i]));

        Assert.Equal(30, answers.Count(a => a.Value?.Outcome == GrabOutcome.Claimed));
        Assert.All(answers.Where(a => !a.Succeeded), a => Assert.Equal(ErrorCodes.SoldOut, Assert.IsType<DomainException>(a.Error).Code));
        Assert.All(await Driver.SharesAsync(packet.PacketId), s => Assert.Equal(ShareStatus.Claimed, s.Status));
        Assert.False(await Fixture.Redis.KeyExistsAsync($"{Fixture.KeyPrefix}rp:{{{packet.PacketId}}}:claims"));
    }

    [Fact]
    public async Task Grab_Again_TheSameShare()
    {
        var sender = await Driver.UserAsync("sender", 500);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(sender, bob);
        var packet = await Driver.SendAsync(sender, group, 500, 3);

        var first = await Driver.GrabAsync(packet.PacketId, bob);
        var again = await Driver.GrabAsync(packet.PacketId, bob);

        Assert.Equal((GrabOutcome.Claimed, GrabOutcome.AlreadyClaimed), (first.Outcome, again.Outcome));
        Assert.Equal(first.AmountCents, again.AmountCents);
        Assert.Equal(first.AmountCents, await Driver.BalanceAsync(bob));
    }
}
