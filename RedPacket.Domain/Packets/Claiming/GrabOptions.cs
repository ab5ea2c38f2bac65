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

    /// <summary>Packets whose batches settle at the same time on this node (each holds a MySQL connection).</summary>
    public int MaxParallelPackets { get; set; } = 16;

    /// <summary>
    /// How long a packet's idle writer waits for more claims before it settles its first batch. Taps on a new packet
    /// arrive together: without the wait the first batch holds one claim and the rest wait for the next.
    /// </summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How long a node answers late taps on a sold-out packet from memory (see <see cref="SoldOutMemo"/>); zero turns it off.</summary>
    public TimeSpan SoldOutMemo { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most sold-out packets one node remembers at once; past that, new ones go to Redis until the sweep frees room.</summary>
    public int SoldOutMemoSize { get; set; } = 10_000;

    public const string Rules = "RedPacket:Grab: MaxBatch and MaxParallelPackets must be at least 1, Linger and SoldOutMemo not negative, SoldOutMemoSize at least 1.";

    /// <summary>A writer with MaxBatch 0 would spin forever without settling anything; start-up refuses such settings.</summary>
    public bool IsValid => MaxBatch >= 1 && MaxParallelPackets >= 1 && Linger >= TimeSpan.Zero && SoldOutMemo >= TimeSpan.Zero && SoldOutMemoSize >= 1;
}

public enum GrabMode { Redis, Database }
