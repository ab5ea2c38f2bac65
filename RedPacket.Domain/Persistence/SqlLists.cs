using MySqlConnector;

namespace RedPacket.Domain.Persistence;

/// <summary>
/// Parameter lists for <c>IN (...)</c> clauses of raw SQL: values always travel as parameters; only the generated
/// placeholder names are put into the SQL text.
/// </summary>
internal static class SqlLists
{
    /// <summary>"@p0,@p1,…" for the values, and the parameters to go with it; <paramref name="name"/> keeps lists apart.</summary>
    public static (string Placeholders, MySqlParameter[] Parameters) In<T>(string name, IReadOnlyCollection<T> values)
    {
        var parameters = values.Select((v, i) => new MySqlParameter($"@{name}{i}", v)).ToArray();
        return (string.Join(",", parameters.Select(p => p.ParameterName)), parameters);
    }
}
