using System.Collections.Concurrent;

namespace RedPacket.Bench.Circuits;

/// <summary>
/// What this client answers to the page's JS interop calls (JS.BeginInvokeJS), as blazor.web.js would after running them:
/// EndInvokeJSFromDotNet(asyncHandle, succeeded, "[asyncHandle, succeeded, resultOrError]"). There is no DOM here, so the
/// answers are plausible values: nothing for calls whose result is ignored, a fresh object reference where .NET asks for
/// one, and, for calls that expect a value, the value a small desktop browser would give (or null, which .NET reads as
/// the type's default for reference types). Every identifier is counted, so a run shows what the page asked.
/// </summary>
public sealed class JsInterop
{
    // JSCallResultType (Microsoft.JSInterop): how the caller wants the result.
    private const int ResultDefault = 0, ResultObjectReference = 1, ResultStreamReference = 2;

    private long _nextObjectId;

    public ConcurrentDictionary<string, int> Calls { get; } = new();

    /// <returns>succeeded and the JSON of the result (or the error message when not succeeded).</returns>
    public (bool Succeeded, string? ResultJson) Answer(string identifier, int resultType)
    {
        Calls.AddOrUpdate(identifier, 1, (_, n) => n + 1);
        switch (resultType)
        {
            case ResultObjectReference:
                // What DotNet.createJSObjectReference serializes to: the id the .NET side keeps for later calls.
                return (true, $"{{\"__jsObjectId\":{Interlocked.Increment(ref _nextObjectId)}}}");
            case ResultStreamReference:
                return (false, "streams are not supported by the circuit swarm");
            case ResultDefault:
                return (true, Values.GetValueOrDefault(identifier, "null"));
            default:
                return (true, null); // JSVoidResult: the value is ignored
        }
    }

    /// <summary>
    /// The calls of the chat page whose value .NET reads (a run with --verbose lists them all), each answered with what a
    /// desktop browser window of 1280×800 returns, in the shape the caller deserializes (JSInterop's camelCase JSON).
    /// Anything else gets null: the calls whose results this page ignores or takes as "not there".
    /// </summary>
    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal)
    {
        // HeadOutlet: the document's title before it took over.
        ["Blazor._internal.PageTitle.getAndRemoveExistingTitle"] = "\"RedPacket\"",
        // MudThemeProvider checks that MudBlazor.min.js is loaded: window.hasOwnProperty("mudElementRef").
        ["window.hasOwnProperty"] = "true",
        // MudPopoverProvider: how many popover providers the page has (an int).
        ["mudpopoverHelper.countProviders"] = "1",
        // MudBlazor's BrowserWindowSize {Height, Width} and BoundingClientRect.
        ["mudResizeListener.getBrowserWindowSize"] = "{\"height\":800,\"width\":1280}",
        ["mudElementRef.getBoundingClientRect"] =
            "{\"top\":0,\"left\":0,\"width\":1280,\"height\":48,\"windowWidth\":1280,\"windowHeight\":800,\"scrollX\":0,\"scrollY\":0}",
        // The app's BrowserTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone.
        ["redpacket.timeZone"] = "\"Asia/Shanghai\"",
    };

}
