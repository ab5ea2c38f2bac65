using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Redis;
using StackExchange.Redis;

namespace RedPacket.Web.Identity;

/// <summary>
/// Bearer tokens are sealed, not looked up, so signing out cannot delete them: instead a sign-out records "every token of
/// this user issued before now is void", in Redis (for the longest token lifetime) and on every node at once (pub/sub), so
/// the check on each request is a dictionary lookup, not a round trip. A node that starts reads the list from Redis.
/// </summary>
public sealed class TokenRevocations(IConnectionMultiplexer redis, IOptions<RedisOptions> options, TimeProvider clock,
    ILogger<TokenRevocations> log) : IHostedService
{
    /// <summary>The longest a bearer token lives (the API's); a revocation is kept that long, then no token it voids is left.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _revokedBefore = new();
    private string Prefix => options.Value.KeyPrefix + "rv:";
    private RedisChannel Channel => RedisChannel.Literal(options.Value.KeyPrefix + "token-revocations");

    /// <summary>Voids every token of <paramref name="userId"/> issued until now, on every node.</summary>
    public async Task RevokeAsync(string userId)
    {
        var now = clock.GetUtcNow();
        Remember(userId, now);
        var value = $"{userId} {now.ToUnixTimeMilliseconds()}";
        await redis.GetDatabase().StringSetAsync(Prefix + userId, now.ToUnixTimeMilliseconds(), KeepFor);
        await redis.GetSubscriber().PublishAsync(Channel, value);
    }

    /// <summary>Whether a token of <paramref name="userId"/> issued at <paramref name="issued"/> was voided by a sign-out since.</summary>
    public bool IsRevoked(string userId, DateTimeOffset? issued) =>
        _revokedBefore.TryGetValue(userId, out var before) && (issued is null || issued <= before);

    public async Task StartAsync(CancellationToken ct)
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) =>
            {
                var parts = ((string?)message)?.Split(' ');
                if (parts is [var user, var ms] && long.TryParse(ms, CultureInfo.InvariantCulture, out var at))
                    Remember(user, DateTimeOffset.FromUnixTimeMilliseconds(at));
            });
            foreach (var endpoint in redis.GetEndPoints())
            {
                var server = redis.GetServer(endpoint);
                if (server.IsReplica) continue;
                await foreach (var key in server.KeysAsync(pattern: Prefix + "*").WithCancellation(ct))
                    if (await redis.GetDatabase().StringGetAsync(key) is { HasValue: true } at && long.TryParse((string?)at, out var ms))
                        Remember(((string)key!)[Prefix.Length..], DateTimeOffset.FromUnixTimeMilliseconds(ms));
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Redis down at start-up: revocations made from now on still reach this node once it reconnects.
            log.LogWarning(e, "Token revocations could not be read from Redis at start-up");
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private void Remember(string userId, DateTimeOffset before)
    {
        _revokedBefore.AddOrUpdate(userId, before, (_, held) => held > before ? held : before);
        // Tokens live at most an hour: older revocations void nothing that is still valid.
        if (_revokedBefore.Count % 1024 == 0)
            foreach (var (user, at) in _revokedBefore)
                if (clock.GetUtcNow() - at > KeepFor) _revokedBefore.TryRemove(KeyValuePair.Create(user, at));
    }
}
