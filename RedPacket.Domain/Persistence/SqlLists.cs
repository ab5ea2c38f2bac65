using MySqlConnector;

namespace RedPacket.Domain.Persistence;

/// <summary>
/// Parameter lists for <c>IN (...)</c> clauses of raw SQL: values always travel as parameters; only the generated
/// placeholder names are put into the SQL text.
/// </summary>
internal static class SqlLists
{
    /// <summary>
    /// "@p0,@p1,…" for the values, and the parameters to go with it; <paramref name="name"/> keeps lists apart.
    /// The list is padded to the next power of two by repeating its last value (harmless in an IN list): EF
    /// compiles a query once per distinct SQL text, and batches of every size from 1 to 200 would otherwise
    /// keep the JIT busy with ~200 shapes of the same query.
    /// </summary>
    public static (string Placeholders, MySqlParameter[] Parameters) In<T>(string name, IReadOnlyCollection<T> values) =>
        In(name, values, Bucket(values.Count));

    /// <summary>
    /// The same, padded to <paramref name="size"/> (at least the number of values): a statement with several lists pads
    /// them all to one <see cref="Bucket"/>, so its shapes are one per bucket rather than one per combination of buckets.
    /// </summary>
    public static (string Placeholders, MySqlParameter[] Parameters) In<T>(string name, IReadOnlyCollection<T> values, int size)
    {
        var padded = values.ToList();
        if (padded.Count > 0)
            while (padded.Count < size) padded.Add(padded[^1]);
        var parameters = padded.Select((v, i) => new MySqlParameter($"@{name}{i}", v)).ToArray();
        return (string.Join(",", parameters.Select(p => p.ParameterName)), parameters);
    }

    /// <summary>The next power of two at or above <paramref name="count"/>.</summary>
    public static int Bucket(int count) => count <= 1 ? count : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)count);
}
