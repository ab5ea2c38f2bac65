namespace RedPacket.Domain.Common;

/// <summary>
/// A rule of the domain said no. <see cref="Code"/> is stable (clients switch on it);
/// the message is for people.
/// </summary>
public sealed class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
