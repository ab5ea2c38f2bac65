using MudBlazor.Services;
using RedPacket.Web.Api;
using RedPacket.Web.Bench;
using RedPacket.Web.Components;
using RedPacket.Web.Components.Layout;
using RedPacket.Web.Demo;
using RedPacket.Web.Hosting;
using RedPacket.Web.Identity;
using RedPacket.Web.Live;
using RedPacket.Web.Localization;
using RedPacket.Web.Components.Shared;
using RedPacket.Web.Observability;
using RedPacket.Web.Refunds;

namespace RedPacket.Web;

public static class WebRegistration
{
    /// <summary>Everything the web host adds on top of the domain.</summary>
    public static IHostApplicationBuilder AddRedPacketWeb(this IHostApplicationBuilder builder)
    {
        builder.AddDrillClock();
        builder.AddProxyHeaders();
        builder.AddSharedKeys();
        builder.AddRedPacketIdentity();
        builder.AddRedPacketApi();
        builder.AddLiveUpdates();
        builder.AddRefundJob();
        builder.AddBench();
        builder.AddRedPacketLocalization();
        builder.Services.AddScoped<BrowserTimeZone>();
        builder.AddRedPacketTelemetry();
        builder.Services.Configure<RegistrationOptions>(builder.Configuration.GetSection("RedPacket:Registration"));
        builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection("RedPacket:Demo"));
        builder.Services.AddScoped<UserRegistration>();
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices(o =>
        {
            // Toasts at the bottom, as a phone shows them: never over the app bar or the group's controls.
            o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomCenter;
            o.SnackbarConfiguration.PreventDuplicates = true;
        });
        builder.AddHealth();
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
        {
            // Every body this app takes is a few hundred bytes of JSON or a sign-in form: 413 past 64 KB.
            // Headers keep Kestrel's 32 KB in all (431 past it), said here so nobody raises it by accident.
            o.Limits.MaxRequestBodySize = 64 * 1024;
            o.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        return builder;
    }

    public static WebApplication MapRedPacketWeb(this WebApplication app)
    {
        app.UseProxyHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRedPacketLocalization();
        app.UseColorSchemeHint();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseSignInChecks();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapRedPacketApi();
        app.MapBenchApi(app.Environment);
        app.MapAccountEndpoints();
        app.MapHub<PacketHub>(PacketHub.Path);
        app.MapHealth();
        app.MapRedPacketTelemetry();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
