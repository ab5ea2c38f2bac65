using StackExchange.Redis;

namespace RedPacket.Domain.Redis;

/// <summary>Which Redis failures pass by themselves, so that asking again later (or soon) is the right answer.</summary>
public static class RedisFaults
{
    // LOADING: replaying its AOF after a restart. MASTERDOWN/READONLY: a replica mid fail-over. CLUSTERDOWN: slots
    // uncovered until a replica is promoted. TRYAGAIN: a multi-key call while its slot migrates. OOM: full until keys
    // expire (noeviction refuses writes rather than drop a packet). BUSY: another script ran too long.
    private static readonly string[] PassingPrefixes = ["LOADING", "MASTERDOWN", "READONLY", "CLUSTERDOWN", "TRYAGAIN", "OOM", "BUSY"];

    /// <summary>A server error that says "not now" rather than "never": the command did not run.</summary>
    public static bool IsPassing(RedisServerException e) =>
        PassingPrefixes.Any(p => e.Message.StartsWith(p, StringComparison.Ordinal));

    /// <summary>
    /// A failure after which an idempotent command may be sent again: the connection dropped (the reply, perhaps the
    /// command, was lost), it timed out, or the server said "not now".
    /// </summary>
    public static bool IsRetryable(Exception e) => e switch
    {
        RedisConnectionException or RedisTimeoutException => true,
        RedisServerException s => IsPassing(s),
        _ => false,
    };
}
