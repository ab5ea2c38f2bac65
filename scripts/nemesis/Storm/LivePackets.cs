namespace Storm;

/// <summary>
/// The packets taps go to: the pre-made ones, then every packet sent during the storm. Taps favour the newest few,
/// as a chat does, so new shares are claimed all through the run and old packets get late taps (sold out, repeats).
/// </summary>
public sealed class LivePackets(IEnumerable<long> premade, int window = 8)
{
    private readonly List<long> _ids = [.. premade];
    private readonly Lock _lock = new();

    public int Count { get { lock (_lock) return _ids.Count; } }

    public void Add(long id) { lock (_lock) _ids.Add(id); }

    public long Pick(Random rng)
    {
        lock (_lock)
        {
            if (_ids.Count == 0) return 0;
            // Nine taps in ten on the newest `window` packets, the rest anywhere.
            var from = rng.NextDouble() < 0.9 ? Math.Max(0, _ids.Count - window) : 0;
            return _ids[rng.Next(from, _ids.Count)];
        }
    }
}
