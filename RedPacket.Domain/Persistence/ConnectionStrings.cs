using MySqlConnector;

namespace RedPacket.Domain.Persistence;

internal static class ConnectionStrings
{
    /// <summary>
    /// The MySQL connection string with <c>ConnectionReset=false</c>, unless the string says otherwise. A pooled
    /// connection is then not reset when it is taken again, which saves two statements and a round trip per
    /// transaction (the reset, and the character set sent again after it). It is safe because nothing here changes
    /// session state: isolation is set per transaction, and no session variables or temporary tables are used.
    /// </summary>
    public static string ForMoneyMoves(string connectionString)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("ConnectionReset", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("Connection Reset", StringComparison.OrdinalIgnoreCase))
            builder.ConnectionReset = false;
        return builder.ConnectionString;
    }
}
