using RedPacket.Domain.Redis;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Tests.Support;
using StackExchange.Redis;

namespace RedPacket.Tests.Integration.Redis;

/// <summary>Every named result of every packet script, against the real Redis (no MySQL involved).</summary>
public sealed class PacketScriptTests(DomainFixture fixture) : PacketScriptContract(fixture), IClassFixture<DomainFixture>;

/// <summary>
/// The packet scripts' named results, whatever Redis the fixture points at (one server here; a Redis Cluster in
/// <c>RedisClusterPacketScriptTests</c>, where consecutive packet ids land on different masters).
/// </summary>
public abstract class PacketScriptContract(DomainFixture fixture)
{
    private static readonly ShareToken First = new(1, 300);
    private static readonly ShareToken Second = new(2, 200);
    private static long _next = 9_000_000;

    private RedisPacketStore Store => fixture.Get<RedisPacketStore>();

    private static long NewPacketId() => Interlocked.Increment(ref _next);

    /// <summary>The packet's keys as the app names them.</summary>
    private PacketKeys Keys(long packetId) => PacketKeys.For(fixture.KeyPrefix, packetId);

    /// <summary>A packet loaded as the app loads one, expiring in an hour.</summary>
    private async Task<long> LoadedAsync(params ShareToken[] shares)
    {
        var id = NewPacketId();
        Assert.Equal(LoadResult.Loaded, await Store.LoadAsync(id, "open", new Dictionary<string, ShareToken>(), shares,
            TimeSpan.FromHours(1)));
        return id;
    }

    [Fact]
    public async Task Claim_EachBranch_NamedAnswer()
    {
        var id = await LoadedAsync(First, Second);

        Assert.Equal(ClaimReplyKind.Missing, (await Store.ClaimAsync(NewPacketId(), "bob")).Kind);
        var bob = await Store.ClaimAsync(id, "bob");
        Assert.Equal((ClaimReplyKind.Claimed, First, 1), (bob.Kind, bob.Share!.Value, bob.SharesLeft));
        var again = await Store.ClaimAsync(id, "bob");
        Assert.Equal((ClaimReplyKind.AlreadyClaimed, First), (again.Kind, again.Share!.Value));
        Assert.Equal(1, await Store.MarkSettledAsync(id, [("bob", First)]));
        var settled = await Store.ClaimAsync(id, "bob");
        Assert.Equal((ClaimReplyKind.Settled, First, 1), (settled.Kind, settled.Share!.Value, settled.SharesLeft));
        var carol = await Store.ClaimAsync(id, "carol");
        Assert.Equal((ClaimReplyKind.Claimed, 0), (carol.Kind, carol.SharesLeft));
        Assert.Equal(ClaimReplyKind.SoldOut, (await Store.ClaimAsync(id, "dave")).Kind);
        await Store.CloseAsync(id, TimeSpan.FromMinutes(5));
        Assert.Equal(ClaimReplyKind.Closed, (await Store.ClaimAsync(id, "erin")).Kind);
        // A claimer still gets their share from a closed packet.
        Assert.Equal(ClaimReplyKind.Settled, (await Store.ClaimAsync(id, "bob")).Kind);
    }

    [Fact]
    public async Task MarkSettled_OnlyTheShareRedisHolds_CountsWhatItMarked()
    {
        var id = await LoadedAsync(First, Second);
        await Store.ClaimAsync(id, "bob");

        Assert.Equal(0, await Store.MarkSettledAsync(id, [("bob", Second), ("nobody", First)]));
        Assert.Equal(1, await Store.MarkSettledAsync(id, [("bob", First)]));
        Assert.True(await fixture.Redis.KeyTimeToLiveAsync(Keys(id).Settled) > TimeSpan.Zero);
    }

    [Fact]
    public async Task Load_StateAlreadyThere_LeavesItAlone()
    {
        var id = await LoadedAsync(First);
        await Store.ClaimAsync(id, "bob");

        var again = await Store.LoadAsync(id, "open", new Dictionary<string, ShareToken>(), [First, Second], TimeSpan.FromHours(1));

        Assert.Equal(LoadResult.AlreadyThere, again);
        Assert.Equal(ClaimReplyKind.SoldOut, (await Store.ClaimAsync(id, "carol")).Kind);
    }

    [Fact]
    public async Task Load_WithClaimsFromMySql_TheyAreSettled()
    {
        var id = NewPacketId();
        await Store.LoadAsync(id, "open", new Dictionary<string, ShareToken> { ["bob"] = First }, [Second], TimeSpan.FromHours(1));

        Assert.Equal(ClaimReplyKind.Settled, (await Store.ClaimAsync(id, "bob")).Kind);
        foreach (var key in Keys(id).All.Take(4))
            Assert.True(await fixture.Redis.KeyTimeToLiveAsync(key) > TimeSpan.Zero, key.ToString());
    }

    [Fact]
    public async Task Release_NotHeldDroppedRequeued()
    {
        var id = await LoadedAsync(First);
        await Store.ClaimAsync(id, "bob");

        Assert.Equal(ReleaseResult.NotHeld, await Store.ReleaseAsync(id, "bob", Second));
        Assert.Equal(ReleaseResult.NotHeld, await Store.ReleaseAsync(id, "carol", First));
        Assert.Equal(ReleaseResult.Requeued, await Store.ReleaseAsync(id, "bob", First));
        var carol = await Store.ClaimAsync(id, "carol");
        Assert.Equal((ClaimReplyKind.Claimed, First), (carol.Kind, carol.Share!.Value));

        await Store.CloseAsync(id, TimeSpan.FromMinutes(5));
        Assert.Equal(ReleaseResult.Dropped, await Store.ReleaseAsync(id, "carol", First));
        Assert.Equal(0, await fixture.Redis.ListLengthAsync(Keys(id).Shares));
    }

    [Fact]
    public async Task Release_AfterTheLastPop_RecreatedListExpiresWithThePacket()
    {
        var id = await LoadedAsync(First);
        await Store.ClaimAsync(id, "bob");
        Assert.False(await fixture.Redis.KeyExistsAsync(Keys(id).Shares));

        await Store.ReleaseAsync(id, "bob", First);

        var ttl = await fixture.Redis.KeyTimeToLiveAsync(Keys(id).Shares);
        Assert.NotNull(ttl);
        Assert.True(ttl > TimeSpan.FromMinutes(50), $"ttl {ttl}");
        Assert.Equal("open", (string?)await fixture.Redis.StringGetAsync(Keys(id).State));
    }

    [Fact]
    public async Task Repair_MissingKeptClosedRequeued()
    {
        Assert.Equal(RepairResult.Missing, await Store.RepairAsync(NewPacketId(), "bob", First, Second));

        var id = await LoadedAsync(Second);
        await Store.ClaimAsync(id, "bob");
        Assert.Equal(RepairResult.Requeued, await Store.RepairAsync(id, "bob", First, Second));
        var bob = await Store.ClaimAsync(id, "bob");
        Assert.Equal((ClaimReplyKind.Settled, First), (bob.Kind, bob.Share!.Value));
        Assert.True(await fixture.Redis.KeyTimeToLiveAsync(Keys(id).Shares) > TimeSpan.Zero);

        var closed = await LoadedAsync(Second);
        await Store.ClaimAsync(closed, "bob");
        await Store.CloseAsync(closed, TimeSpan.FromMinutes(5));
        Assert.Equal(RepairResult.KeptClosed, await Store.RepairAsync(closed, "bob", First, Second));
        Assert.Equal(0, await fixture.Redis.ListLengthAsync(Keys(closed).Shares));
    }

    [Fact]
    public async Task Forget_NotHeldForgotten()
    {
        var id = await LoadedAsync(First, Second);
        await Store.ClaimAsync(id, "bob");
        await Store.MarkSettledAsync(id, [("bob", First)]);

        Assert.Equal(ForgetResult.NotHeld, await Store.ForgetAsync(id, "bob", Second));
        Assert.Equal(ForgetResult.Forgotten, await Store.ForgetAsync(id, "bob", First));
        Assert.False(await fixture.Redis.SetContainsAsync(Keys(id).Settled, "bob"));
        // Forgotten, not given back: MySQL said that share is somebody else's.
        var again = await Store.ClaimAsync(id, "bob");
        Assert.Equal((ClaimReplyKind.Claimed, Second), (again.Kind, again.Share!.Value));
    }

    [Fact]
    public async Task Close_ReturnsTheClaims()
    {
        var id = await LoadedAsync(First, Second);
        await Store.ClaimAsync(id, "bob");

        var claims = await Store.CloseAsync(id, TimeSpan.FromMinutes(5));

        Assert.Equal(First, Assert.Single(claims, c => c.Key == "bob").Value);
        Assert.Equal(RedisType.String, await fixture.Redis.KeyTypeAsync(Keys(id).State));
    }

    [Fact]
    public async Task SoldOutSnapshot_OnlyForASoldOutPacket_ClaimsWithTheirSettledMarks()
    {
        var id = await LoadedAsync(First, Second);
        Assert.Null(await Store.SoldOutSnapshotAsync(NewPacketId()));
        await Store.ClaimAsync(id, "bob");
        Assert.Null(await Store.SoldOutSnapshotAsync(id));
        await Store.ClaimAsync(id, "carol");
        await Store.MarkSettledAsync(id, [("bob", First)]);

        var claims = await Store.SoldOutSnapshotAsync(id);

        Assert.NotNull(claims);
        Assert.Equal((First, true), claims["bob"]);
        Assert.Equal((Second, false), claims["carol"]);
        await Store.CloseAsync(id, TimeSpan.FromMinutes(5));
        Assert.Null(await Store.SoldOutSnapshotAsync(id));
    }

    [Fact]
    public async Task StaleClaims_OlderThanTheMinimumAgeAndNotSettled_TheOnlyOnesListed()
    {
        var minAge = TimeSpan.FromSeconds(1);
        var id = await LoadedAsync(First, Second, new ShareToken(3, 100), new ShareToken(4, 50));
        await Store.ClaimAsync(id, "old");
        await Store.ClaimAsync(id, "settled");
        await Store.MarkSettledAsync(id, [("settled", Second)]);
        await Store.ClaimAsync(id, "released");
        await Store.ReleaseAsync(id, "released", new ShareToken(3, 100));
        // Ages are Redis's to judge: wait until its clock has moved past the minimum age of "old".
        await Eventually.TrueAsync(async () => (await Store.StaleClaimsAsync(id, minAge)).Count > 0, "the first claim grew old");
        await Store.ClaimAsync(id, "young");

        var stale = await Store.StaleClaimsAsync(id, minAge);

        Assert.Equal([new PendingClaim("old", First)], stale);
        Assert.Equal(2, await fixture.Redis.SortedSetLengthAsync(Keys(id).Pending));
        Assert.True(await fixture.Redis.KeyTimeToLiveAsync(Keys(id).Pending) > TimeSpan.Zero);
    }

    [Fact]
    public async Task Claim_AppClockFarOff_PendingScoreFromRedissClock()
    {
        var id = await LoadedAsync(First);
        fixture.Clock.Advance(TimeSpan.FromDays(400)); // no app time reaches the script

        await Store.ClaimAsync(id, "bob");

        var score = (await fixture.Redis.SortedSetScoreAsync(Keys(id).Pending, "bob"))!.Value;
        var redisNow = await RedisNowAsync(Keys(id).Pending);
        Assert.InRange(redisNow - DateTimeOffset.FromUnixTimeMilliseconds((long)score), TimeSpan.Zero, TimeSpan.FromSeconds(30));
        Assert.Empty(await Store.StaleClaimsAsync(id, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Load_AnyLifetime_RelativeOnRedissClock()
    {
        var id = NewPacketId();
        fixture.Clock.Advance(TimeSpan.FromDays(800)); // nor here

        await Store.LoadAsync(id, "open", new Dictionary<string, ShareToken>(), [First], TimeSpan.FromHours(3));
        var closedSoon = NewPacketId();
        await Store.LoadAsync(closedSoon, "closed", new Dictionary<string, ShareToken>(), [], TimeSpan.FromHours(-5));

        var ttl = (await fixture.Redis.KeyTimeToLiveAsync(Keys(id).State))!.Value;
        Assert.InRange(ttl, TimeSpan.FromHours(3) - TimeSpan.FromMinutes(1), TimeSpan.FromHours(3));
        // Past its end, a packet still keeps its keys a minute, so a late tap hears "closed" rather than a rebuild loop.
        var floor = (await fixture.Redis.KeyTimeToLiveAsync(Keys(closedSoon).State))!.Value;
        Assert.InRange(floor, TimeSpan.FromSeconds(50), RedisPacketStore.MinKeyLifetime);
    }

    /// <summary>The clock of the Redis server that holds <paramref name="key"/> (one master of a cluster).</summary>
    private async Task<DateTimeOffset> RedisNowAsync(RedisKey key)
    {
        var endpoint = await fixture.Redis.IdentifyEndpointAsync(key);
        var time = await fixture.Get<IConnectionMultiplexer>().GetServer(endpoint!).TimeAsync();
        return new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc), TimeSpan.Zero);
    }
}
