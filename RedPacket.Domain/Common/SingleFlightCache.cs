using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace RedPacket.Domain.Common;

/// <summary>
/// A memory cache whose misses for one key share one load: when a burst of thousands of taps
/// all miss at once, the database is asked once, not thousands of times.
/// </summary>
public sealed class SingleFlightCache(IMemoryCache cache)
{
    private readonly ConcurrentDictionary<object, Lazy<Task<object?>>> _inFlight = new();

    public async Task<T?> GetOrLoadAsync<T>(object key, Func<Task<T?>> load, MemoryCacheEntryOptions keep) where T : class
    {
        if (cache.TryGetValue(key, out T? hit)) return hit;
        var flight = _inFlight.GetOrAdd(key, _ => new Lazy<Task<object?>>(async () => await load()));
        try
        {
            var value = (T?)await flight.Value;
            // Nothing cached for "not found": the row may be committing right now.
            if (value is not null) cache.Set(key, value, keep);
            return value;
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<object, Lazy<Task<object?>>>(key, flight));
        }
    }

    public void Set<T>(object key, T value, MemoryCacheEntryOptions keep) => cache.Set(key, value, keep);

    public bool TryGet<T>(object key, out T? value) => cache.TryGetValue(key, out value);

    public void Remove(object key) => cache.Remove(key);
}
