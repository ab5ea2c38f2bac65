namespace RedPacket.Web.Components.Shared;

/// <summary>What the transfer form hands to its page.</summary>
public sealed record TransferDraft(string ToUserId, long AmountCents, string? Note, string Pin, string IdempotencyKey);
