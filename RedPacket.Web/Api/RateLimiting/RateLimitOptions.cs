namespace RedPacket.Web.Api.RateLimiting;

/// <summary>Configuration section <c>RedPacket:RateLimits</c>: per user, per window.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RedPacket:RateLimits";

    public int GrabsPerWindow { get; set; } = 10;
    public TimeSpan GrabWindow { get; set; } = TimeSpan.FromSeconds(1);
    public int SendsPerWindow { get; set; } = 5;
    public TimeSpan SendWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Chat lines per user: a member flooding the chat would otherwise delay every group's live events.</summary>
    public int ChatPerWindow { get; set; } = 20;
    public TimeSpan ChatWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The budget of one user action (<see cref="UserActionLimiter.Grab"/>, <c>Send</c> or <c>Chat</c>).</summary>
    public (int Limit, TimeSpan Window) Budget(string action) => action switch
    {
        UserActionLimiter.Grab => (GrabsPerWindow, GrabWindow),
        UserActionLimiter.Send => (SendsPerWindow, SendWindow),
        UserActionLimiter.Chat => (ChatPerWindow, ChatWindow),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "No such user action."),
    };

    /// <summary>
    /// Sign-in attempts for one user name from one client address that did not succeed (a success gives its permit
    /// back). Below Identity's lockout threshold, so one address is throttled long before it can lock anybody out.
    /// </summary>
    public int SignInsPerUserPerWindow { get; set; } = 5;

    /// <summary>Sign-in attempts from one client address, whatever the user names, that did not succeed.</summary>
    public int SignInsPerAddressPerWindow { get; set; } = 30;

    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Registrations from one client address (each new user may get demo credit), successful or not.</summary>
    public int RegistrationsPerAddressPerWindow { get; set; } = 10;

    public TimeSpan RegistrationWindow { get; set; } = TimeSpan.FromHours(1);

    public bool IsValid() =>
        new[] { GrabsPerWindow, SendsPerWindow, ChatPerWindow, SignInsPerUserPerWindow, SignInsPerAddressPerWindow, RegistrationsPerAddressPerWindow }.All(n => n > 0)
        && new[] { GrabWindow, SendWindow, ChatWindow, SignInWindow, RegistrationWindow }.All(w => w > TimeSpan.Zero);
}
