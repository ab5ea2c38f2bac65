using System.Net;
using System.Net.Sockets;

namespace RedPacket.Web.Api.RateLimiting;

/// <summary>
/// The client a per-address limit counts by. IPv6 by its /64: a subscriber usually holds a whole /64, and counting
/// single addresses would hand one attacker 2^64 budgets. Behind a reverse proxy every request comes from the proxy,
/// so the proxy's addresses go in <c>RedPacket:Proxy:KnownProxies</c> (Hosting/ProxyHeaders.cs) before these limits mean anything.
/// </summary>
public static class ClientAddress
{
    /// <summary>No address (an in-memory test server, a Unix socket): all such calls share one budget.</summary>
    public const string Unknown = "unknown";

    public static string Of(HttpContext http) => Of(http.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null) return Unknown;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
