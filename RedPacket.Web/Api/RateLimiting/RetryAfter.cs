using System.Globalization;

namespace RedPacket.Web.Api.RateLimiting;

/// <summary>
/// The one place a <c>Retry-After</c> header is written: whole seconds, rounded up, at least 1 (a client told 0 would
/// try again at once). Rate-limit refusals, the grab's refusals and the problems of a busy or unreachable service all
/// come through here.
/// </summary>
public static class RetryAfter
{
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>Sets the header; answers the seconds it said.</summary>
    public static int Write(HttpResponse response, TimeSpan wait) => Write(response, Seconds(wait));

    public static int Write(HttpResponse response, int seconds)
    {
        response.Headers.RetryAfter = Math.Max(1, seconds).ToString(CultureInfo.InvariantCulture);
        return Math.Max(1, seconds);
    }
}
