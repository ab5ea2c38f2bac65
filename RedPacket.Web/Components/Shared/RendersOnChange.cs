using Microsoft.AspNetCore.Components;

namespace RedPacket.Web.Components.Shared;

/// <summary>
/// A component that renders again only when what it shows has changed. Blazor renders a child again whenever its
/// parent renders and any parameter is not of a primitive type; on a chat page each live event re-renders the page, so
/// without this every line of every open page would render again for every event, on every circuit (thousands in a
/// busy group). <see cref="RenderKey"/> is everything the output depends on, compared by value (records, tuples).
/// </summary>
public abstract class RendersOnChange : ComponentBase
{
    private object? _rendered;

    /// <summary>What the markup depends on: parameters, and any state that changes it (a time zone learnt, a packet expiring).</summary>
    protected abstract object RenderKey { get; }

    protected override bool ShouldRender()
    {
        var key = RenderKey;
        if (Equals(key, _rendered)) return false;
        _rendered = key;
        return true;
    }

    // The first render does not ask ShouldRender: remember what it showed.
    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender) _rendered = RenderKey;
    }
}
