namespace RedPacket.Domain.Refunds;

/// <summary>Configuration section <c>RedPacket:Refunds</c>.</summary>
public sealed class RefundOptions
{
    /// <summary>How often the refund job runs (the original design: every 5 minutes).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Packets refunded at once; each in its own transaction.</summary>
    public int Parallelism { get; set; } = 4;
    /// <summary>Packet ids read per page of the scan.</summary>
    public int PageSize { get; set; } = 200;
    /// <summary>false: the job never fires by itself (admins can still run it).</summary>
    public bool Schedule { get; set; } = true;
    /// <summary>Quartz keeps its job store in MySQL, clustered across web nodes (each firing runs on one node).</summary>
    public bool ClusteredStore { get; set; }
    /// <summary>
    /// Clustered store only: how often a node records in MySQL that it is alive. A node that stops (killed,
    /// partitioned) has its firing taken over by another after this plus <see cref="CheckinMisfireThreshold"/>.
    /// </summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);
    /// <summary>Clustered store only: how long past a missed check-in the other nodes wait before declaring a node dead.</summary>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(7.5);
    /// <summary>
    /// Clustered store only: this node's Quartz instance id, unique in the cluster (e.g. the pod name), as
    /// QRTZ_SCHEDULER_STATE and QRTZ_FIRED_TRIGGERS show it. Empty: generated at start-up.
    /// </summary>
    public string? InstanceId { get; set; }
}
