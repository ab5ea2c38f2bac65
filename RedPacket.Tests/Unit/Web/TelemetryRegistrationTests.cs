using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using RedPacket.Web.Observability;

namespace RedPacket.Tests.Unit.Web;

public sealed class TelemetryRegistrationTests
{
    [Fact]
    public void AddRedPacketTelemetry_NoOtlpEndpoint_MetricsOnlyNoTracing()
    {
        using var host = Build([]);

        Assert.NotNull(host.Services.GetService<MeterProvider>());
        Assert.Null(host.Services.GetService<TracerProvider>());
    }

    [Theory]
    [InlineData("RedPacket:Telemetry:OtlpEndpoint")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT")]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")]
    public void AddRedPacketTelemetry_OtlpEndpointGiven_Tracing(string key)
    {
        using var host = Build(new() { [key] = "http://127.0.0.1:4317" });

        Assert.NotNull(host.Services.GetService<TracerProvider>());
    }

    /// <summary>An empty builder: no environment variables, so the machine's own OTEL_* settings cannot leak in.</summary>
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddRouting();
        builder.AddRedPacketTelemetry();
        return builder.Build();
    }
}
