using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RedPacket.Domain.Observability;

namespace RedPacket.Web.Observability;

public static class TelemetryRegistration
{
    public const string MetricsPath = "/metrics";

    /// <summary>Reported as <c>service.name</c> unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "redpacket-web";

    /// <summary>
    /// OpenTelemetry: the app's meter, ASP.NET Core's and the runtime's, scraped by Prometheus at <see cref="MetricsPath"/>;
    /// traces (requests, grabs, settle batches) over OTLP when <see cref="TelemetryOptions"/> or the standard
    /// variables give an endpoint.
    /// </summary>
    public static IHostApplicationBuilder AddRedPacketTelemetry(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new();
        // AddService would otherwise override the standard variable (code wins over environment in this SDK).
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } named ? named : ServiceName;

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(RedPacketMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                // Blazor Server: open circuits are the pages' live connections.
                .AddMeter("Microsoft.AspNetCore.Components.Server.Circuits")
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());

        if (settings.ExportsTraces(builder.Configuration))
            otel.WithTracing(tracing => tracing
                .AddSource(RedPacketActivities.SourceName)
                // Scrapes and probes every few seconds would drown the traces worth reading.
                .AddAspNetCoreInstrumentation(o => o.Filter = http =>
                    !http.Request.Path.StartsWithSegments(MetricsPath) && !http.Request.Path.StartsWithSegments("/health"))
                .AddOtlpExporter(o =>
                {
                    if (settings.OtlpEndpoint is { } endpoint) o.Endpoint = endpoint;
                }));
        return builder;
    }

    /// <summary>The Prometheus scrape endpoint. Open like <c>/health/*</c>: keep it off the public side of the proxy.</summary>
    public static IEndpointConventionBuilder MapRedPacketTelemetry(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath);
}
