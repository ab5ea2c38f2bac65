namespace RedPacket.Domain.Packets.Claiming;

/// <summary>A share as Redis holds it: <c>"seq:amount"</c>.</summary>
public readonly record struct ShareToken(int Seq, long AmountCents)
{
    public override string ToString() => $"{Seq}:{AmountCents}";

    public static ShareToken Parse(string value)
    {
        var colon = value.IndexOf(':');
        return new(int.Parse(value.AsSpan(0, colon)), long.Parse(value.AsSpan(colon + 1)));
    }
}
