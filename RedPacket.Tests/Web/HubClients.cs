using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RedPacket.Web.Live;

namespace RedPacket.Tests.Web;

/// <summary>SignalR clients of a test server's hub (docs/ARCHITECTURE.md §12, test-host notes), as a user or anonymous.</summary>
public static class HubClients
{
    public static HubConnection Build(WebAppFixture app, string? token) => new HubConnectionBuilder()
        .WithUrl(new Uri(app.Server.BaseAddress, PacketHub.Path), o =>
        {
            o.Transports = HttpTransportType.LongPolling;
            o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        })
        .AddJsonProtocol(o => LiveJson.Configure(o.PayloadSerializerOptions))
        .Build();

    public static async Task<HubConnection> ConnectAsync(WebAppFixture app, ApiUser user)
    {
        var connection = Build(app, user.Token);
        await connection.StartAsync();
        return connection;
    }
}
