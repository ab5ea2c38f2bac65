using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace RedPacket.Web.Hosting;

/// <summary>
/// Behind nginx (scripts/cluster.sh) or any reverse proxy, every connection comes from the proxy: the client's own
/// address, which the per-address sign-in and registration budgets count, arrives in <c>X-Forwarded-For</c> (and the
/// scheme in <c>X-Forwarded-Proto</c>). Those headers are believed only from loopback (ASP.NET's default) and from
/// the addresses in <c>RedPacket:Proxy:KnownProxies</c>; anyone else sending them is ignored, or a client could
/// name a new address per request and never run out of budget.
/// </summary>
public static class ProxyHeaders
{
    public static IHostApplicationBuilder AddProxyHeaders(this IHostApplicationBuilder builder)
    {
        var known = builder.Configuration.GetSection("RedPacket:Proxy:KnownProxies").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in known) o.KnownProxies.Add(IPAddress.Parse(proxy));
        });
        return builder;
    }

    /// <summary>First in the pipeline: everything after it sees the client's address.</summary>
    public static WebApplication UseProxyHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }
}
