using Microsoft.JSInterop;

namespace RedPacket.Web.Components.Shared;

/// <summary>
/// The viewer's time zone, asked of the browser once per circuit (the server cannot know it). Until it is known,
/// times show in UTC and say so.
/// </summary>
public sealed class BrowserTimeZone(IJSRuntime js)
{
    private Task<TimeZoneInfo?>? _asking;

    public TimeZoneInfo? Known { get; private set; }

    public async Task<TimeZoneInfo?> GetAsync()
    {
        Known ??= await (_asking ??= AskAsync());
        return Known;
    }

    private async Task<TimeZoneInfo?> AskAsync()
    {
        try
        {
            // A browser that names no zone (or one this server does not know) gets UTC, labelled as such.
            var id = await js.InvokeAsync<string?>("redpacket.timeZone");
            return !string.IsNullOrEmpty(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
        }
        catch (Exception e) when (e is JSException or InvalidOperationException or TaskCanceledException)
        {
            return null; // prerendering, or a circuit going away
        }
    }
}
