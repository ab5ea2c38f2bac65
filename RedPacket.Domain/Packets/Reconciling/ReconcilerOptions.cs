namespace RedPacket.Domain.Packets.Reconciling;

/// <summary>Configuration section <c>RedPacket:Reconciler</c>.</summary>
public sealed class ReconcilerOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>How often one node looks for abandoned claims.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A claim still unsettled this long after Redis handed it out is taken to be abandoned (its node died
    /// between the pop and the commit). A normal settle takes milliseconds.
    /// </summary>
    public TimeSpan MinAge { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Open packets read from MySQL per page.</summary>
    public int PageSize { get; set; } = 500;
}
