namespace RedPacket.Domain.Packets.Claiming;

/// <summary>Where grabs are gated and how they settle: configuration section <c>RedPacket:Grab</c>.</summary>
public sealed class GrabOptions
{
    /// <summary>
    /// <see cref="GrabMode.Redis"/> (the product): Redis hands out shares, MySQL settles them in per-packet batches.
    /// <see cref="GrabMode.Database"/>: no Redis gate, one <c>FOR UPDATE</c> on the packet per grab; kept only
    /// as the baseline the benchmark compares against.
    /// </summary>
    public GrabMode Mode { get; set; } = GrabMode.Redis;

    /// <summary>Most claims of one packet settled in one transaction.</summary>
    public int MaxBatch { get; set; } = 200;

    /// <summary>Packets with a batch on its way to a commit at the same time on this node (see <see cref="GroupCommitter"/>).</summary>
    public int MaxParallelPackets { get; set; } = 256;

    /// <summary>Commits running at the same time on this node, each on a MySQL connection of its own (see <see cref="GroupCommitter"/>).</summary>
    public int CommitLanes { get; set; } = 4;

    /// <summary>Most packets whose batches one commit carries.</summary>
    public int MaxPacketsPerCommit { get; set; } = 64;

    /// <summary>
    /// How long a packet's idle writer waits for more claims before it settles its first batch. Taps on a new packet
    /// arrive together: without the wait the first batch holds one claim and the rest wait for the next.
    /// </summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How long a node answers late taps on a sold-out packet from memory (see <see cref="SoldOutMemo"/>); zero turns it off.</summary>
    public TimeSpan SoldOutMemo { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most sold-out packets one node remembers at once; past that, new ones go to Redis until the sweep frees room.</summary>
    public int SoldOutMemoSize { get; set; } = 10_000;

    public const string Rules = "RedPacket:Grab: MaxBatch, MaxParallelPackets, CommitLanes and MaxPacketsPerCommit must be at least 1, Linger and SoldOutMemo not negative, SoldOutMemoSize at least 1.";

    /// <summary>A writer with MaxBatch 0 would spin forever without settling anything; start-up refuses such settings.</summary>
    public bool IsValid => MaxBatch >= 1 && MaxParallelPackets >= 1 && CommitLanes >= 1 && MaxPacketsPerCommit >= 1 && Linger >= TimeSpan.Zero && SoldOutMemo >= TimeSpan.Zero && SoldOutMemoSize >= 1;
}

public enum GrabMode { Redis, Database }
