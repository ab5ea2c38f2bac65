namespace RedPacket.Domain.Packets.Claiming;

public enum GrabOutcome { Claimed, AlreadyClaimed }

/// <summary>A grab that succeeded: reported only after MySQL committed it.</summary>
public sealed record GrabResult(GrabOutcome Outcome, long AmountCents, int RemainingCount);
