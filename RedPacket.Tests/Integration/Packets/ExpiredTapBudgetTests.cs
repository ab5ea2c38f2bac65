using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using RedPacket.Domain.Common;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Packets;

/// <summary>A budget across nodes that lets the first two grabs of each user through and holds back the rest.</summary>
public sealed class TwoGrabsThrottle : IGrabThrottle
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _spent = new();

    public ValueTask<TimeSpan?> HoldBackAsync(string userId) =>
        ValueTask.FromResult<TimeSpan?>(_spent.AddOrUpdate(userId, 1, (_, n) => n + 1) > 2 ? TimeSpan.FromSeconds(1) : null);
}

public sealed class TwoGrabsFixture : DomainFixture
{
    protected override void Configure(HostApplicationBuilder builder) =>
        builder.Services.Replace(ServiceDescriptor.Singleton<IGrabThrottle, TwoGrabsThrottle>());
}

public sealed class ExpiredTapBudgetTests(TwoGrabsFixture fixture) : IntegrationTest<TwoGrabsFixture>(fixture), IClassFixture<TwoGrabsFixture>
{
    [Fact]
    public async Task Grab_TapsOnAnExpiredPacket_SpendTheBudgetAcrossNodesLikeAnyOther()
    {
        var sender = await Driver.UserAsync("sender", 300);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(sender, bob);
        var packet = await Driver.SendAsync(sender, group, 300, 3);
        Fixture.Clock.Advance(TimeSpan.FromHours(24));
        var grabber = Fixture.Get<PacketGrabber>();

        var codes = new List<string?>();
        for (var i = 0; i < 4; i++) codes.Add((await grabber.GrabAsync(packet.PacketId, bob)).Refusal?.Code);

        Assert.Equal([ErrorCodes.Expired, ErrorCodes.Expired, ErrorCodes.RateLimited, ErrorCodes.RateLimited], codes);
    }
}
