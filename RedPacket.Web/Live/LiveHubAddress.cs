using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace RedPacket.Web.Live;

/// <summary>
/// Where a circuit reaches the hub: <c>RedPacket:SignalR:HubUrl</c>, else this server's own first listening
/// address on loopback (a wildcard host becomes 127.0.0.1).
/// </summary>
public sealed class LiveHubAddress(Microsoft.Extensions.Options.IOptions<LiveOptions> options, IServer server)
{
    public Uri Get()
    {
        if (options.Value.HubUrl is { Length: > 0 } configured) return new Uri(configured);
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no listening address to reach the hub at.");
        var uri = new UriBuilder(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1")
            .Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1")) { Path = PacketHub.Path };
        return uri.Uri;
    }
}
