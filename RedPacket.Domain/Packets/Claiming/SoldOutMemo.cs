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
/// <para>
/// Bounded: at most <see cref="GrabOptions.SoldOutMemoSize"/> packets at once (past that, Redis answers), and a timer
/// frees expired entries whether or not anybody taps again, so a node's memory does not grow with every packet that
/// ever sold out. Time is this node's monotonic clock (<see cref="TimeProvider.GetTimestamp"/>), a local duration.
/// </para>
/// </summary>
public sealed class SoldOutMemo : IDisposable
{
    private readonly RedisPacketStore _redis;
    private readonly GrabOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<SoldOutMemo> _log;
    private readonly ConcurrentDictionary<long, Entry> _entries = new();
    private readonly ConcurrentDictionary<long, byte> _loading = new();
    private readonly ITimer? _sweeper;

    public SoldOutMemo(RedisPacketStore redis, IOptions<GrabOptions> options, TimeProvider clock, ILogger<SoldOutMemo> log)
    {
        (_redis, _options, _clock, _log) = (redis, options.Value, clock, log);
        if (_options.SoldOutMemo > TimeSpan.Zero)
            _sweeper = clock.CreateTimer(_ => Sweep(), null, _options.SoldOutMemo, _options.SoldOutMemo);
    }

    /// <summary>Packets remembered now.</summary>
    public int Count => _entries.Count;

    /// <summary>An answer from the memo, or null to ask Redis.</summary>
    public GrabAnswer? TryAnswer(long packetId, string userId)
    {
        if (!_entries.TryGetValue(packetId, out var entry)) return null;
        if (Expired(entry))
        {
            _entries.TryRemove(KeyValuePair.Create(packetId, entry));
            return null;
        }
        if (!entry.Claims.TryGetValue(userId, out var mine)) return GrabAnswer.SoldOut;
        return mine.Settled ? GrabAnswer.Granted(GrabOutcome.AlreadyClaimed, mine.Share.AmountCents, 0) : null;
    }

    /// <summary>The claim script said "sold out": load the packet's claims in the background (once at a time), if there is room.</summary>
    public void SoldOut(long packetId)
    {
        if (_sweeper is null || _entries.ContainsKey(packetId) || _entries.Count >= _options.SoldOutMemoSize
            || !_loading.TryAdd(packetId, 0)) return;
        _ = Task.Run(async () =>
        {
            try
            {
                if (await _redis.SoldOutSnapshotAsync(packetId) is { } claims)
                    _entries[packetId] = new Entry(claims, _clock.GetTimestamp());
            }
            catch (Exception e)
            {
                _log.LogDebug(e, "Could not load the claims of sold-out packet {PacketId}", packetId);
            }
            finally
            {
                _loading.TryRemove(packetId, out _);
            }
        });
    }

    /// <summary>Frees every expired entry (the timer calls it every memo lifetime).</summary>
    public void Sweep()
    {
        foreach (var (packetId, entry) in _entries)
            if (Expired(entry)) _entries.TryRemove(KeyValuePair.Create(packetId, entry));
    }

    private bool Expired(Entry entry) => _clock.GetElapsedTime(entry.LoadedAt) > _options.SoldOutMemo;

    public void Dispose() => _sweeper?.Dispose();

    private sealed record Entry(IReadOnlyDictionary<string, (ShareToken Share, bool Settled)> Claims, long LoadedAt);
}
