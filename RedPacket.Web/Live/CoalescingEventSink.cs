using System.Collections.Concurrent;
using System.Threading.Channels;
using RedPacket.Domain.Packets.Events;

namespace RedPacket.Web.Live;

/// <summary>
/// Takes the fan-out of group events off the request path, and keeps it in proportion to the group: a grab
/// hands its event over and answers at once, and a background loop sends. A storm of claims on one packet
/// would otherwise send every claim to every member (100 claims × 1,000 members online = 100,000 messages);
/// instead one packet's <see cref="PacketClaimed"/> is sent at most every <see cref="Window"/>, carrying the
/// latest count. The final state always arrives: a packet's pending claim goes out before its sold-out or
/// refund, and a quiet packet's last claim goes out when its window ends. Balance nudges go to the one
/// user whose money moved, each time, and so does each <see cref="PacketOpened"/> (to the sender, who is told of
/// every claim: it goes through in order, never coalesced). Pacing is wall-clock time, not the business clock tests move.
/// </summary>
public sealed class CoalescingEventSink(HubBroadcaster hub, CircuitEvents? circuits, ILogger<CoalescingEventSink> log,
    int capacity = CoalescingEventSink.Capacity)
    : BackgroundService, IGroupEventSink
{
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Events waiting to be sent, at most. Bounded, so a stuck hub or a flood (chat lines are budgeted per user, but
    /// there are many users) cannot grow memory without end: past it, events are dropped and counted. Live events are
    /// hints: a page reloads its state whenever it reconnects, and money and answers never depend on them.
    /// </summary>
    public const int Capacity = 100_000;

    private readonly Channel<GroupEvent> _ordered = Channel.CreateBounded<GroupEvent>(
        new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    private long _dropped;
    private long _lastDropWarning = long.MinValue / 2;

    /// <summary>Events dropped because the queue was full, since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly ConcurrentDictionary<long, PacketClaimed> _latestClaim = new();
    private readonly Dictionary<long, long> _lastSentAt = new();
    private long _lastPruned;

    public Task PublishAsync(GroupEvent e, CancellationToken ct = default)
    {
        if (e is PacketClaimed claimed)
        {
            // Counts only fall, so the lowest is the latest, whatever order two batches' events arrive in.
            _latestClaim.AddOrUpdate(claimed.PacketId, claimed,
                (_, held) => claimed.RemainingCount <= held.RemainingCount ? claimed : held);
            Enqueue(new BalanceNudge(claimed.GroupId, claimed.UserId));
        }
        else
        {
            // Everything else, PacketOpened included, is sent one by one in order.
            Enqueue(e);
        }
        Wake();
        return Task.CompletedTask;
    }

    private void Enqueue(GroupEvent e)
    {
        if (_ordered.Writer.TryWrite(e)) return;
        Interlocked.Increment(ref _dropped);
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastDropWarning);
        if (now - last >= 10_000 && Interlocked.CompareExchange(ref _lastDropWarning, now, last) == last)
            log.LogWarning("Live events are queued faster than they can be sent; {Dropped} dropped so far", Dropped);
    }

    private void Wake()
    {
        // Racy on purpose: at worst a wake-up is lost and the loop runs at its next tick.
        if (_wake.CurrentCount > 0) return;
        try { _wake.Release(); } catch (SemaphoreFullException) { }
    }

    /// <summary>
    /// The loop has a thread of its own. A send to a group walks every connection in it synchronously; on a thread
    /// of the pool that walk (1,000 members: thousands of socket writes) would hold back the requests queued behind
    /// it, which on 2 cores showed as a slower storm whenever many members were online.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Loop(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Loop(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            while (_ordered.Reader.TryRead(out var e)) SendOrderedAsync(e, stoppingToken).GetAwaiter().GetResult();
            SendDueClaimsAsync(stoppingToken).GetAwaiter().GetResult();
            // Until the next event, or a tick later, when a window may have ended.
            try { _wake.Wait(Tick, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }

    private async Task SendOrderedAsync(GroupEvent e, CancellationToken ct)
    {
        switch (e)
        {
            case BalanceNudge nudge:
                await SafelyAsync(() => hub.NudgeAsync(nudge.UserId, ct), e);
                if (circuits is not null) await SafelyAsync(() => circuits.NudgeAsync(nudge.UserId), e);
                return;
            case PacketSoldOut or PacketRefunded:
                // Its final count first.
                if (_latestClaim.TryRemove(((PacketEvent)e).PacketId, out var last)) await SendClaimAsync(last, ct);
                break;
        }
        await SafelyAsync(() => hub.PublishAsync(e, ct), e);
        await ToCircuitsAsync(e);
    }

    /// <summary>The same event, as the hub's clients got it, to this node's circuits (and the senders' balances).</summary>
    private async Task ToCircuitsAsync(GroupEvent e)
    {
        if (circuits is null) return;
        await SafelyAsync(() => circuits.PublishAsync(e), e);
        var sender = e switch
        {
            PacketSent s => s.SenderUserId,
            PacketRefunded r => r.SenderUserId,
            RedPacket.Domain.Transfers.TransferChanged t => t.MovedUserId,
            _ => null,
        };
        if (sender is not null) await SafelyAsync(() => circuits.NudgeAsync(sender), e);
    }

    private async Task SendDueClaimsAsync(CancellationToken ct)
    {
        var now = Environment.TickCount64;
        foreach (var packetId in _latestClaim.Keys)
        {
            if (_lastSentAt.TryGetValue(packetId, out var at) && now - at < Window.TotalMilliseconds) continue;
            if (_latestClaim.TryRemove(packetId, out var claimed)) await SendClaimAsync(claimed, ct);
        }
        // Forget packets that have been quiet for a minute, every ten seconds (the soak saw this map grow with every packet
        // sent while it was only pruned past 10,000 entries).
        if (now - _lastPruned > 10_000)
        {
            _lastPruned = now;
            foreach (var old in _lastSentAt.Where(s => now - s.Value > 60_000).Select(s => s.Key).ToList()) _lastSentAt.Remove(old);
        }
    }

    private Task SendClaimAsync(PacketClaimed claimed, CancellationToken ct)
    {
        _lastSentAt[claimed.PacketId] = Environment.TickCount64;
        return Task.WhenAll(SafelyAsync(() => hub.PublishAsync(claimed, ct), claimed), ToCircuitsAsync(claimed));
    }

    private async Task SafelyAsync(Func<Task> send, GroupEvent e)
    {
        try
        {
            await send();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "Sending {Event} to group {GroupId} failed", e.GetType().Name, e.GroupId);
        }
    }

    /// <summary>A user's balance moved: sent to that user alone.</summary>
    private sealed record BalanceNudge(long GroupId, string UserId) : GroupEvent(GroupId);
}
