using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Redis;
using RedPacket.Tests.Support;
using RedPacket.Web.Api.RateLimiting;
using StackExchange.Redis;

namespace RedPacket.Tests.Integration.Redis;

/// <summary>The real Redis and a key prefix of the class's own; nothing else.</summary>
public sealed class RedisOnlyFixture : IAsyncLifetime
{
    public string KeyPrefix { get; } = TestServers.UniqueName("rl") + ":";
    public IConnectionMultiplexer Redis { get; private set; } = default!;

    public RedisRateLimiter Limiter(ILogger<RedisRateLimiter>? log = null) =>
        new(Redis, Options.Create(new RedisOptions { KeyPrefix = KeyPrefix }), log ?? NullLogger<RedisRateLimiter>.Instance);

    public async Task InitializeAsync() => Redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);

    public async Task DisposeAsync()
    {
        await TestServers.DeleteRedisKeysAsync(Redis, 0, KeyPrefix);
        await Redis.DisposeAsync();
    }
}

/// <summary>Every named result of the rate limiter's two scripts, against the real Redis, and what happens without Redis.</summary>
public sealed class RateLimiterScriptTests(RedisOnlyFixture fixture) : IClassFixture<RedisOnlyFixture>
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly RedisRateLimiter _limiter = fixture.Limiter();
    private readonly string _key = Guid.NewGuid().ToString("N");

    private IDatabase Db => fixture.Redis.GetDatabase();

    [Fact]
    public async Task TryAcquire_NewKey_OpensAWindowWithItsExpiry()
    {
        var first = await _limiter.TryAcquireAsync("test", _key, 3, Minute);

        Assert.Equal((RateVerdict.Allowed, 1L, Minute), (first.Verdict, first.Count, first.RetryAfter));
        var ttl = await Db.KeyTimeToLiveAsync(_limiter.KeyOf("test", _key));
        Assert.InRange(ttl!.Value, Minute - TimeSpan.FromSeconds(5), Minute);
    }

    [Fact]
    public async Task TryAcquire_WithinTheLimit_CountedAndAllowed()
    {
        await _limiter.TryAcquireAsync("test", _key, 3, Minute);

        var second = await _limiter.TryAcquireAsync("test", _key, 3, Minute);

        Assert.Equal((RateVerdict.Allowed, 2L), (second.Verdict, second.Count));
        Assert.InRange(second.RetryAfter, TimeSpan.FromSeconds(50), Minute);
    }

    [Fact]
    public async Task TryAcquire_OverTheLimit_RefusedUntilTheWindowEnds()
    {
        for (var i = 0; i < 3; i++) Assert.True((await _limiter.TryAcquireAsync("test", _key, 3, Minute)).Allowed);

        var fourth = await _limiter.TryAcquireAsync("test", _key, 3, Minute);

        Assert.Equal((RateVerdict.Refused, 4L), (fourth.Verdict, fourth.Count));
        Assert.InRange(fourth.RetryAfter, TimeSpan.FromSeconds(50), Minute);
        // Whole seconds, rounded up: 60 on a fast box, 59 once a second of the window has passed.
        Assert.Equal((int)Math.Ceiling(fourth.RetryAfter.TotalSeconds), fourth.RetryAfterSeconds);
    }

    [Fact]
    public async Task TryAcquire_AfterTheWindow_ANewWindowOpens()
    {
        var window = TimeSpan.FromMilliseconds(300);
        await _limiter.TryAcquireAsync("test", _key, 1, window);
        Assert.False((await _limiter.TryAcquireAsync("test", _key, 1, window)).Allowed);

        // Refused calls count, but the window still ends: polled until it has.
        RateDecision next = default;
        await Eventually.TrueAsync(async () => (next = await _limiter.TryAcquireAsync("test", _key, 1, window)).Allowed, "a new window");

        Assert.Equal((RateVerdict.Allowed, 1L), (next.Verdict, next.Count));
    }

    [Fact]
    public async Task TryAcquire_CounterWithoutExpiry_HealedWithANewWindow()
    {
        await Db.StringSetAsync(_limiter.KeyOf("test", _key), 7);

        var decision = await _limiter.TryAcquireAsync("test", _key, 10, Minute);

        Assert.Equal((RateVerdict.Allowed, 8L, Minute), (decision.Verdict, decision.Count, decision.RetryAfter));
        Assert.NotNull(await Db.KeyTimeToLiveAsync(_limiter.KeyOf("test", _key)));
    }

    [Fact]
    public async Task TryAcquire_KeysAndBuckets_CountApart()
    {
        await _limiter.TryAcquireAsync("test", _key, 1, Minute);

        Assert.True((await _limiter.TryAcquireAsync("test", _key + "-other", 1, Minute)).Allowed);
        Assert.True((await _limiter.TryAcquireAsync("other", _key, 1, Minute)).Allowed);
        Assert.False((await _limiter.TryAcquireAsync("test", _key, 1, Minute)).Allowed);
    }

    [Fact]
    public void KeyOf_AnyKey_UnderThePrefixAndHashTaggedOnItsOwn()
    {
        var key = (string)_limiter.KeyOf("signin-user", "10.0.0.1|ALICE")!;
        Assert.Equal($"{fixture.KeyPrefix}rl:{{signin-user:10.0.0.1|ALICE}}", key);
    }

    [Fact]
    public async Task GiveBack_WithinTheWindow_GivenBackAndTheExpiryKept()
    {
        await _limiter.TryAcquireAsync("test", _key, 1, Minute);

        Assert.Equal(GiveBackResult.GivenBack, await _limiter.GiveBackAsync("test", _key));

        var again = await _limiter.TryAcquireAsync("test", _key, 1, Minute);
        Assert.Equal((RateVerdict.Allowed, 1L), (again.Verdict, again.Count));
        Assert.NotNull(await Db.KeyTimeToLiveAsync(_limiter.KeyOf("test", _key)));
    }

    [Fact]
    public async Task GiveBack_NoWindow_NothingHeldAndNoKeyLeft()
    {
        Assert.Equal(GiveBackResult.NothingHeld, await _limiter.GiveBackAsync("test", _key));

        Assert.False(await Db.KeyExistsAsync(_limiter.KeyOf("test", _key)));
    }

    [Fact]
    public async Task TryAcquire_RedisUnreachable_UncheckedAndWarnedOnce()
    {
        await using var down = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=200");
        var log = new CountingLogger();
        var limiter = new RedisRateLimiter(down, Options.Create(new RedisOptions()), log);

        var first = await limiter.TryAcquireAsync("test", _key, 1, Minute);
        var second = await limiter.TryAcquireAsync("test", _key, 1, Minute);

        Assert.Equal((RateVerdict.Unchecked, true, false), (first.Verdict, first.Allowed, first.Counted));
        Assert.Equal(RateVerdict.Unchecked, second.Verdict);
        Assert.Equal(GiveBackResult.Unchecked, await limiter.GiveBackAsync("test", _key));
        Assert.Equal(1, log.Warnings);
    }

    [Fact]
    public async Task TryAcquire_RedisAnswersAnError_UncheckedNotThrown()
    {
        // A key of another type makes INCR fail inside the script: the error path, on a live connection.
        await Db.ListLeftPushAsync(_limiter.KeyOf("test", _key), "not a counter");

        var decision = await _limiter.TryAcquireAsync("test", _key, 1, Minute);

        Assert.Equal(RateVerdict.Unchecked, decision.Verdict);
    }

    private sealed class CountingLogger : ILogger<RedisRateLimiter>
    {
        public int Warnings;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning) Interlocked.Increment(ref Warnings);
        }
    }
}
