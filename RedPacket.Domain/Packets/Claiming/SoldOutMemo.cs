using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RedPacket.Domain.Packets.Claiming;

/// <summary>
/// Answers the late taps on a sold-out packet on this node, without a Redis round trip, for a short while
/// (<see cref="GrabOptions.SoldOutMemo"/>, 1 s). The first "sold out" from the claim script starts a load of the
/// packet's claims (one atomic read); until the memo expires, somebody without a claim hears "sold out", and
/// somebody whose claim is settled hears their share. Anyone else (a claim still settling) still goes to Redis.
/// <para>
/// It can only be stale in one direction: a share released back (a settle that failed for good) reopens the packet
/// in Redis, and for at most the memo's lifetime this node still says "sold out"; nobody can be given a share
/// twice, because the memo never hands a share out. After that the claim script is asked again.
/// </para>
/// </summary>
public sealed class SoldOutMemo(RedisPacketStore redis, IOptions<GrabOptions> options, ILogger<SoldOutMemo> log)
{
    private readonly ConcurrentDictionary<long, Entry> _entries = new();
    private readonly ConcurrentDictionary<long, byte> _loading = new();

    /// <summary>An answer from the memo, or null to ask Redis.</summary>
    public GrabAnswer? TryAnswer(long packetId, string userId)
    {
        if (!_entries.TryGetValue(packetId, out var entry)) return null;
        if (Environment.TickCount64 > entry.ExpiresAt)
        {
            _entries.TryRemove(KeyValuePair.Create(packetId, entry));
            return null;
        }
        if (!entry.Claims.TryGetValue(userId, out var mine)) return GrabAnswer.SoldOut;
        return mine.Settled ? GrabAnswer.Granted(GrabOutcome.AlreadyClaimed, mine.Share.AmountCents, 0) : null;
    }

    /// <summary>The claim script said "sold out": load the packet's claims in the background (once at a time).</summary>
    public void SoldOut(long packetId)
    {
        var lifetime = options.Value.SoldOutMemo;
        if (lifetime <= TimeSpan.Zero || _entries.ContainsKey(packetId) || !_loading.TryAdd(packetId, 0)) return;
        _ = Task.Run(async () =>
        {
            try
            {
                if (await redis.SoldOutSnapshotAsync(packetId) is { } claims)
                    _entries[packetId] = new Entry(claims, Environment.TickCount64 + (long)lifetime.TotalMilliseconds);
            }
            catch (Exception e)
            {
                log.LogDebug(e, "Could not load the claims of sold-out packet {PacketId}", packetId);
            }
            finally
            {
                _loading.TryRemove(packetId, out _);
            }
        });
    }

    private sealed record Entry(IReadOnlyDictionary<string, (ShareToken Share, bool Settled)> Claims, long ExpiresAt);
}
