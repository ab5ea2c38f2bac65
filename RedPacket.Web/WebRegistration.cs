using RedPacket.Web.Refunds;

namespace RedPacket.Web;

public static class WebRegistration
{
    /// <summary>Everything the web host adds on top of the domain.</summary>
    public static IHostApplicationBuilder AddRedPacketWeb(this IHostApplicationBuilder builder)
    {
        builder.AddRefundJob();
        builder.Services.AddHealthChecks();
        return builder;
    }

    public static WebApplication MapRedPacketWeb(this WebApplication app)
    {
        app.MapHealthChecks("/healthz");
        return app;
    }
}
