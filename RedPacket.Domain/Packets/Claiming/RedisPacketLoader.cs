using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets.Claiming;

/// <summary>
/// Puts a packet into Redis: right after it is sent, and again whenever Redis has lost it.
/// MySQL is the source: Redis can be rebuilt from it at any time.
/// </summary>
public sealed class RedisPacketLoader(
    RedisPacketStore store,
    IDbContextFactory<RedPacketDb> contexts,
    IOptions<PacketOptions> options,
    TimeProvider clock,
    ILogger<RedisPacketLoader> log)
{
    private static readonly TimeSpan RebuildLockHold = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RebuildWait = TimeSpan.FromSeconds(5);

    /// <summary>Loads a packet that was just sent. A Redis failure is logged: the first grab rebuilds it.</summary>
    public async Task LoadAsync(Packet packet, CancellationToken ct)
    {
        try
        {
            await store.LoadAsync(packet.Id, StateOf(packet.Status), new Dictionary<string, ShareToken>(),
                packet.Shares.OrderBy(s => s.Seq).Select(s => new ShareToken(s.Seq, s.AmountCents)),
                KeepFor(packet));
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            log.LogWarning(e, "Packet {PacketId} not loaded into Redis; it will be rebuilt on first grab", packet.Id);
        }
    }

    /// <summary>
    /// Rebuilds a packet's Redis state from MySQL under a short lock, so a burst of grabs that all
    /// found it missing rebuilds it once. Those that lose the lock wait for the winner's result.
    /// </summary>
    public async Task RebuildAsync(long packetId, CancellationToken ct)
    {
        var token = Guid.NewGuid().ToString("N");
        var deadline = DateTime.UtcNow + RebuildWait;
        while (!await store.TryLockRebuildAsync(packetId, token, RebuildLockHold))
        {
            if (await store.HasStateAsync(packetId)) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Packet {packetId} is being rebuilt by another request.");
            await Task.Delay(10, ct);
        }
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var packet = await db.Set<Packet>().AsNoTracking().SingleAsync(p => p.Id == packetId, ct);
            var shares = await db.Set<PacketShare>().AsNoTracking().Where(s => s.PacketId == packetId)
                .OrderBy(s => s.Seq).ToListAsync(ct);
            var claims = shares.Where(s => s.Status == ShareStatus.Claimed)
                .ToDictionary(s => s.ReceiverUserId!, s => new ShareToken(s.Seq, s.AmountCents));
            var unclaimed = shares.Where(s => s.Status == ShareStatus.Unclaimed).Select(s => new ShareToken(s.Seq, s.AmountCents));
            var loaded = await store.LoadAsync(packetId, StateOf(packet.Status), claims, unclaimed, KeepFor(packet));
            if (loaded == LoadResult.Loaded) log.LogWarning("Packet {PacketId} rebuilt in Redis from MySQL ({Claims} claims)", packetId, claims.Count);
        }
        finally
        {
            await store.ReleaseRebuildLockAsync(packetId, token);
        }
    }

    /// <summary>
    /// How long the packet's keys live from now: to its expiry plus the grace. Expiry is decided on the app's clock
    /// (it wrote <see cref="Packet.ExpiresAt"/> and it judges it), so the remaining time is measured on that clock and
    /// sent to Redis as a duration; Redis's own clock may be anywhere.
    /// </summary>
    private TimeSpan KeepFor(Packet packet) => packet.ExpiresAt + options.Value.RedisGrace - clock.GetUtcNow();

    private static string StateOf(PacketStatus status) => status switch
    {
        PacketStatus.Open => "open",
        PacketStatus.SoldOut => "soldout",
        _ => "closed",
    };
}
