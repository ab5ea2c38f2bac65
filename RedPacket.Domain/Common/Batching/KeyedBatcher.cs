using System.Collections.Concurrent;

namespace RedPacket.Domain.Common.Batching;

/// <summary>How a <see cref="KeyedBatcher{TKey, TItem, TResult}"/> batches.</summary>
/// <param name="MaxBatch">Most items in one batch.</param>
/// <param name="MaxParallelKeys">Keys whose batches run at the same time.</param>
/// <param name="Linger">How long an idle key's writer waits for more items before its first batch.</param>
/// <param name="IdleAfter">How long a key's queue stays after its last item before the sweep frees it.</param>
public sealed record BatchingOptions(int MaxBatch, int MaxParallelKeys, TimeSpan Linger, TimeSpan IdleAfter)
{
    /// <summary>Refuses settings that would make a writer spin or never run.</summary>
    public BatchingOptions Validated() =>
        MaxBatch < 1 ? throw new ArgumentOutOfRangeException(nameof(MaxBatch), MaxBatch, "At least one item per batch.")
        : MaxParallelKeys < 1 ? throw new ArgumentOutOfRangeException(nameof(MaxParallelKeys), MaxParallelKeys, "At least one key at a time.")
        : Linger < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(Linger), Linger, "Not negative.")
        : this;
}

/// <summary>
/// One writer per key: items submitted for a key queue up and are handed to <c>runBatch</c> together, up to
/// <see cref="BatchingOptions.MaxBatch"/> at a time; while one batch runs, the next items queue for the next batch.
/// Different keys run in parallel, at most <see cref="BatchingOptions.MaxParallelKeys"/> at once. An item equal to one
/// already in flight for the same key joins it and gets the same result; an item that differs never does (so a caller
/// that retries with a new item never inherits an old answer). A key's queue is freed once idle for
/// <see cref="BatchingOptions.IdleAfter"/> (<see cref="SweepIdle"/>, on a timer).
/// </summary>
public sealed class KeyedBatcher<TKey, TItem, TResult> : IDisposable
    where TKey : notnull
    where TItem : notnull
{
    private readonly Func<TKey, Batch<TItem, TResult>, Task> _runBatch;
    private readonly BatchingOptions _options;
    private readonly TimeProvider _clock;
    private readonly Action? _joined;
    private readonly ConcurrentDictionary<TKey, KeyQueue> _queues = new();
    private readonly ConcurrentDictionary<(TKey Key, TItem Item), Entry> _inFlight = new();
    private readonly ConcurrentDictionary<TKey, int> _running = new();
    private readonly SemaphoreSlim _parallel;
    private readonly ITimer _sweeper;

    /// <param name="runBatch">Runs one batch: answers each item through the <see cref="Batch{TItem, TResult}"/>; items
    /// it leaves unanswered fail with the exception it threw, or with an <see cref="InvalidOperationException"/>.</param>
    /// <param name="joined">Called when an item joins one in flight (a metric).</param>
    public KeyedBatcher(Func<TKey, Batch<TItem, TResult>, Task> runBatch, BatchingOptions options, TimeProvider clock, Action? joined = null)
    {
        _runBatch = runBatch;
        _options = options.Validated();
        _clock = clock;
        _joined = joined;
        _parallel = new SemaphoreSlim(_options.MaxParallelKeys);
        var every = _options.IdleAfter > TimeSpan.Zero ? _options.IdleAfter : TimeSpan.FromMinutes(1);
        _sweeper = clock.CreateTimer(_ => SweepIdle(), null, every, every);
    }

    /// <summary>Queues <paramref name="item"/> for <paramref name="key"/>'s next batch, or joins the equal item in flight.</summary>
    public Task<TResult> SubmitAsync(TKey key, TItem item)
    {
        var entry = new Entry(item);
        var held = _inFlight.GetOrAdd((key, item), entry);
        if (held != entry)
        {
            _joined?.Invoke();
            return held.Completion.Task;
        }
        var queue = _queues.GetOrAdd(key, _ => new KeyQueue());
        Volatile.Write(ref queue.LastActive, _clock.GetTimestamp());
        queue.Items.Enqueue(entry);
        if (Interlocked.CompareExchange(ref queue.Running, 1, 0) == 0)
            _ = Task.Run(() => DrainAsync(key, queue));
        return entry.Completion.Task;
    }

    /// <summary>Items of the key queued or in a batch (tests wait on it).</summary>
    public int InFlightCount(TKey key) => _inFlight.Keys.Count(k => EqualityComparer<TKey>.Default.Equals(k.Key, key));

    /// <summary>Items of the key taken into a batch that has not finished (tests wait on it).</summary>
    public int RunningCount(TKey key) => _running.TryGetValue(key, out var n) ? n : 0;

    /// <summary>Keys that hold a queue now (the sweep frees idle ones).</summary>
    public int KeyCount => _queues.Count;

    private async Task DrainAsync(TKey key, KeyQueue queue)
    {
        // The writer outlives the call that started it: its batches must not become that call's children.
        System.Diagnostics.Activity.Current = null;
        if (_options.Linger > TimeSpan.Zero && queue.Items.Count < _options.MaxBatch) await Task.Delay(_options.Linger);
        while (true)
        {
            while (!queue.Items.IsEmpty)
            {
                await _parallel.WaitAsync();
                try
                {
                    // Taken after the wait: what queued meanwhile joins this batch.
                    var items = new List<Entry>();
                    while (items.Count < _options.MaxBatch && queue.Items.TryDequeue(out var next)) items.Add(next);
                    if (items.Count > 0) await RunAsync(key, items);
                }
                finally
                {
                    _parallel.Release();
                }
            }
            Volatile.Write(ref queue.Running, 0);
            // An item may have arrived between the last dequeue and the write above: take it, unless its submitter did.
            if (queue.Items.IsEmpty || Interlocked.CompareExchange(ref queue.Running, 1, 0) != 0) break;
        }
    }

    private async Task RunAsync(TKey key, List<Entry> items)
    {
        _running.AddOrUpdate(key, items.Count, (_, n) => n + items.Count);
        var batch = new Batch<TItem, TResult>(items.Select(e => e.Item).ToList(), items.Select(e => e.Caller).ToList(),
            items.Select(e => e.Completion).ToList());
        Exception? failure = null;
        try
        {
            await _runBatch(key, batch);
        }
        catch (Exception e)
        {
            // A writer must never die with callers waiting on it.
            failure = e;
        }
        finally
        {
            foreach (var e in items)
                e.Completion.TrySetException(failure ?? new InvalidOperationException("The batch ended without answering this item."));
            // Only now: an equal item that came while the batch finished its work (after answering) joined it
            // instead of starting a batch of its own.
            foreach (var e in items) _inFlight.TryRemove(KeyValuePair.Create((key, e.Item), e));
            if (_running.AddOrUpdate(key, 0, (_, n) => n - items.Count) == 0) _running.TryRemove(KeyValuePair.Create(key, 0));
        }
    }

    /// <summary>
    /// Frees the queues of keys idle for <see cref="BatchingOptions.IdleAfter"/>. A queue dropped while an item is being
    /// added gives the key a second writer for a moment: correct for callers whose batches tolerate it (ours lock a row),
    /// just not batched together.
    /// </summary>
    public void SweepIdle()
    {
        var now = _clock.GetTimestamp();
        foreach (var (key, queue) in _queues)
            if (Volatile.Read(ref queue.Running) == 0 && queue.Items.IsEmpty
                && _clock.GetElapsedTime(Volatile.Read(ref queue.LastActive), now) >= _options.IdleAfter)
                _queues.TryRemove(KeyValuePair.Create(key, queue));
    }

    public void Dispose()
    {
        _sweeper.Dispose();
        _parallel.Dispose();
    }

    private sealed class KeyQueue
    {
        public readonly ConcurrentQueue<Entry> Items = new();
        public int Running;
        public long LastActive;
    }

    private sealed class Entry(TItem item)
    {
        public TItem Item { get; } = item;
        /// <summary>The submitter's span, for the batch's span to link to (default when nobody traces).</summary>
        public System.Diagnostics.ActivityContext Caller { get; } = System.Diagnostics.Activity.Current?.Context ?? default;
        // Callers continue on their own threads, not on the writer's.
        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>The items of one batch, in the order they queued, and a way to answer each as soon as its result is known.</summary>
public sealed class Batch<TItem, TResult>
{
    private readonly IReadOnlyList<TaskCompletionSource<TResult>> _answers;

    internal Batch(IReadOnlyList<TItem> items, IReadOnlyList<System.Diagnostics.ActivityContext> callers,
        IReadOnlyList<TaskCompletionSource<TResult>> answers) => (Items, Callers, _answers) = (items, callers, answers);

    public IReadOnlyList<TItem> Items { get; }

    /// <summary>Each item's submitter span (default where nobody traced it), for a batch span to link to.</summary>
    public IReadOnlyList<System.Diagnostics.ActivityContext> Callers { get; }

    public void Answer(int index, TResult result) => _answers[index].TrySetResult(result);

    public void Fail(int index, Exception error) => _answers[index].TrySetException(error);
}
