namespace RedPacket.Domain.Accounts.Pins;

/// <summary>What a PIN must be: six digits, not one of the runs anyone would guess first.</summary>
public static class PinRules
{
    public const int Length = 6;

    public static bool IsWellFormed(string? pin) => pin is { Length: Length } && pin.All(char.IsAsciiDigit);

    /// <summary>All digits the same (000000), or a run up or down by one (123456, 654321).</summary>
    public static bool IsWeak(string pin)
    {
        var steps = Enumerable.Range(1, pin.Length - 1).Select(i => pin[i] - pin[i - 1]).Distinct().ToList();
        return steps is [0] or [1] or [-1];
    }
}
