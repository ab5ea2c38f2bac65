using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedPacket.Web.Live;

/// <summary>One JSON shape for hub payloads, server and client: camelCase, enums as strings.</summary>
public static class LiveJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }
}
