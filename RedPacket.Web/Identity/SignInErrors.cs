namespace RedPacket.Web.Identity;

/// <summary>
/// What the sign-in forms' endpoints put in <c>?error=</c>: a code, not a sentence, so the page says it in the reader's
/// language (registration refusals pass their <see cref="RedPacket.Domain.Common.DomainException"/> code the same way).
/// A throttled answer adds <c>&amp;wait=</c> seconds.
/// </summary>
public static class SignInErrors
{
    public const string WrongPassword = "wrong_password";
    public const string Throttled = "throttled";
    public const string Closed = "closed";
}
