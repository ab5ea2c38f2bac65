namespace RedPacket.Domain.Common;

/// <summary>
/// A rule of the domain said no. <see cref="Code"/> is stable (clients switch on it);
/// the message is for people. <see cref="Details"/> are facts a client acts on (<c>attemptsLeft</c>, <c>lockedUntil</c>,
/// <c>resetsAt</c>): they become members of the problem details beside <c>code</c>.
/// </summary>
public sealed class DomainException(string code, string message, IReadOnlyDictionary<string, object?>? details = null) : Exception(message)
{
    public string Code { get; } = code;

    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();
}
