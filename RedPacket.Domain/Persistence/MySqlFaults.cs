using System.Net.Sockets;
using MySqlConnector;

namespace RedPacket.Domain.Persistence;

/// <summary>Which MySQL failures mean "the database is not answering now", as opposed to "this work is wrong".</summary>
public static class MySqlFaults
{
    /// <summary>
    /// MariaDB down, unreachable or dropping connections (transient errors, no connection, a connection that broke
    /// mid-answer: MySqlConnector reports an end of stream), anywhere in the exception's chain.
    /// </summary>
    public static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            switch (e)
            {
                case MySqlException { IsTransient: true }:
                case MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost }:
                case SocketException or TimeoutException or IOException:
                    return true;
            }
        return false;
    }
}
