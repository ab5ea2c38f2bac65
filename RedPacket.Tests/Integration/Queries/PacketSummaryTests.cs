using RedPacket.Domain.Common;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Queries;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Queries;

/// <summary>A year of a user's packets (WeChat's records page): counts, totals and times luckiest.</summary>
public sealed class PacketSummaryTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private PacketSummaries Summaries => Fixture.Get<PacketSummaries>();

    [Fact]
    public async Task Year_ReceivedAndSent_CountsTotalsAndLuckiestOfFinishedRandomPacketsOnly()
    {
        var alice = await Driver.UserAsync("alice", 10_000);
        var bob = await Driver.UserAsync("bob");
        var carol = await Driver.UserAsync("carol");
        var group = await Driver.GroupAsync(alice, bob, carol);
        var alone = await Driver.SendAsync(alice, group, 100, 1);                          // bob takes the only share: luckiest
        var open = await Driver.SendAsync(alice, group, 300, 3);                           // still open: nobody is luckiest yet
        var even = await Driver.SendAsync(alice, group, 200, 2, PacketKind.Fixed);         // fixed: never a luckiest
        var pair = await Driver.SendAsync(alice, group, 500, 2);                           // finished: as its detail says
        var got = new List<long>();
        foreach (var p in new[] { alone, open, even, pair }) got.Add((await Driver.GrabAsync(p.PacketId, bob)).AmountCents);
        await Driver.GrabAsync(pair.PacketId, carol);
        var pairLuckiest = (await Fixture.Get<PacketQueries>().DetailAsync(pair.PacketId, bob))!.LuckiestUserId;

        var bobs = await Summaries.YearAsync(bob, Summaries.CurrentYear());
        var alices = await Summaries.YearAsync(alice, Summaries.CurrentYear());

        Assert.Equal(new ReceivedSummary(4, got.Sum(), pairLuckiest == bob ? 2 : 1), bobs.Received);
        Assert.Equal(new SentSummary(0, 0), bobs.Sent);
        Assert.Equal(new SentSummary(4, 1_100), alices.Sent);
        Assert.Equal(new ReceivedSummary(0, 0, 0), alices.Received);
        Assert.Equal(new ReceivedSummary(0, 0, 0), (await Summaries.YearAsync(bob, Summaries.CurrentYear() - 1)).Received);
    }

    [Fact]
    public async Task Year_AShareTakenAfterNewYearInShanghai_CountsForTheNewYear()
    {
        var alice = await Driver.UserAsync("alice", 10_000);
        var bob = await Driver.UserAsync("bob");
        var group = await Driver.GroupAsync(alice, bob);
        var year = Summaries.CurrentYear();
        // Half an hour into next year in Shanghai (UTC+8) is still the old year in UTC.
        var (_, newYear) = PacketSummaries.YearIn(year, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Fixture.Clock.Advance(newYear - Fixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(30));
        var packet = await Driver.SendAsync(alice, group, 100, 1);
        await Driver.GrabAsync(packet.PacketId, bob);

        Assert.Equal(year + 1, Summaries.CurrentYear());
        Assert.Equal(1, (await Summaries.YearAsync(bob, year + 1)).Received.Count);
        Assert.Equal(0, (await Summaries.YearAsync(bob, year)).Received.Count);
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(9999)]
    public async Task Year_OutOfRange_InvalidRequest(int year) =>
        Assert.Equal(ErrorCodes.InvalidRequest, (await Assert.ThrowsAsync<DomainException>(() => Summaries.YearAsync("anyone", year))).Code);

    [Fact]
    public void YearIn_Shanghai_FromItsMidnightsInUtc() =>
        Assert.Equal((new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 12, 31, 16, 0, 0, TimeSpan.Zero)),
            PacketSummaries.YearIn(2027, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
}
