using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace RedPacket.Domain.Common;

/// <summary>
/// A memory cache whose misses for one key share one load: when a burst of thousands of taps
/// all miss at once, the database is asked once, not thousands of times.
/// <para>
/// The shared load belongs to no caller: it runs under its own token, which is cancelled only when every caller
/// waiting on it has given up. A caller that disconnects stops its own wait, never the others'. (HybridCache shares
/// loads the same way, but it caches a "not found" for its whole lifetime, where a packet row may be committing right
/// now, and it copies every value that is not marked immutable on each hit; so this small cache stays.)
/// </para>
/// </summary>
public sealed class SingleFlightCache(IMemoryCache cache)
{
    private readonly ConcurrentDictionary<object, Flight> _inFlight = new();

    public Task<T?> GetOrLoadAsync<T>(object key, Func<CancellationToken, Task<T?>> load, MemoryCacheEntryOptions keep,
        CancellationToken ct = default) where T : class => GetOrLoadAsync(key, load, _ => keep, ct);

    /// <summary>As above, with how long to keep the value decided by the value itself (a packet's facts, by its expiry).</summary>
    public async Task<T?> GetOrLoadAsync<T>(object key, Func<CancellationToken, Task<T?>> load, Func<T, MemoryCacheEntryOptions> keepFor,
        CancellationToken ct = default) where T : class
    {
        if (cache.TryGetValue(key, out T? hit)) return hit;
        while (true)
        {
            var flight = _inFlight.GetOrAdd(key, static (_, load) => new Flight(async t => await load(t)), load);
            if (!flight.TryJoin())
            {
                // Every caller of this flight gave up and it was cancelled just now: start (or join) a new one.
                _inFlight.TryRemove(KeyValuePair.Create(key, flight));
                continue;
            }
            try
            {
                var value = (T?)await flight.Task.WaitAsync(ct);
                // Nothing cached for "not found": the row may be committing right now.
                if (value is not null) cache.Set(key, value, keepFor(value));
                return value;
            }
            finally
            {
                if (flight.Leave() || flight.Task.IsCompleted) _inFlight.TryRemove(KeyValuePair.Create(key, flight));
            }
        }
    }

    public void Set<T>(object key, T value, MemoryCacheEntryOptions keep) => cache.Set(key, value, keep);

    public bool TryGet<T>(object key, out T? value) => cache.TryGetValue(key, out value);

    public void Remove(object key) => cache.Remove(key);

    /// <summary>One shared load and the number of callers still waiting for it; the last to leave cancels it.</summary>
    private sealed class Flight
    {
        private readonly CancellationTokenSource _cancel = new();
        private readonly Lazy<Task<object?>> _task;
        private int _waiting;

        public Flight(Func<CancellationToken, Task<object?>> load) =>
            _task = new Lazy<Task<object?>>(() => load(_cancel.Token));

        public Task<object?> Task => _task.Value;

        /// <summary>Counts a caller in, unless the flight was already abandoned by all of its callers.</summary>
        public bool TryJoin()
        {
            lock (_cancel)
            {
                if (_cancel.IsCancellationRequested) return false;
                _waiting++;
                return true;
            }
        }

        /// <summary>Counts a caller out; the last one out of an unfinished load cancels it. True when it did.</summary>
        public bool Leave()
        {
            lock (_cancel)
            {
                if (--_waiting > 0 || _task.IsValueCreated && _task.Value.IsCompleted) return false;
                _cancel.Cancel();
                return true;
            }
        }
    }
}
