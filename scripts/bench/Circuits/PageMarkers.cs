using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RedPacket.Bench.Circuits;

/// <summary>
/// What blazor.web.js reads from a prerendered page before it starts a circuit: the interactive server root components'
/// start markers (<c>&lt;!--Blazor:{"type":"server","prerenderId":…,"key":…,"sequence":n,"descriptor":…}--&gt;</c>, each
/// followed later by an end marker that only carries the prerenderId) and the persisted component state
/// (<c>&lt;!--Blazor-Server-Component-State:base64--&gt;</c>), which goes back to the server with the first
/// UpdateRootComponents.
/// </summary>
public sealed partial record PageMarkers(IReadOnlyList<JsonObject> ServerComponents, string? ApplicationState)
{
    // The JSON inside is System.Text.Json's default output: '<', '>' and '+' are \u-escaped, so "-->" cannot occur in it.
    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex("<!--\\s*Blazor-Server-Component-State:([A-Za-z0-9+/=]+)\\s*-->")]
    private static partial Regex ServerState();

    public static PageMarkers Parse(string html)
    {
        var servers = new List<JsonObject>();
        foreach (Match m in Marker().Matches(html))
        {
            if (JsonNode.Parse(m.Groups[1].Value) is not JsonObject marker) continue;
            // End markers carry only the prerenderId; webassembly/auto markers are not ours to start.
            if (marker["type"]?.GetValue<string>() != "server") continue;
            servers.Add(marker);
        }
        // The browser sorts server descriptors by their sequence before it hands them out (document order as a tie-break).
        var ordered = servers.Select((m, i) => (m, i)).OrderBy(x => x.m["sequence"]?.GetValue<int>() ?? 0).ThenBy(x => x.i)
            .Select(x => x.m).ToList();
        var state = ServerState().Match(html);
        return new PageMarkers(ordered, state.Success ? state.Groups[1].Value : null);
    }

    /// <summary>
    /// The JSON of UpdateRootComponents' first batch: one "add" per server root component, as WebRootComponentManager
    /// builds it: {batchId, operations:[{type:"add", ssrComponentId, marker}]}, where the marker is the descriptor as parsed
    /// from the comment plus the client's uniqueId (the DOM comment nodes it also holds are left out of the JSON).
    /// </summary>
    public string AddOperationsJson(long batchId)
    {
        var operations = new JsonArray();
        for (var i = 0; i < ServerComponents.Count; i++)
        {
            var marker = (JsonObject)ServerComponents[i].DeepClone();
            marker["uniqueId"] = i;
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = marker });
        }
        return new JsonObject { ["batchId"] = batchId, ["operations"] = operations }.ToJsonString(new JsonSerializerOptions());
    }
}
