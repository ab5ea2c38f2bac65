namespace RedPacket.Web.Observability;

/// <summary>Settings under <c>RedPacket:Telemetry</c>. Metrics need none: <c>/metrics</c> is always served.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "RedPacket:Telemetry";

    /// <summary>
    /// Where traces go over OTLP, used as given (gRPC by default, e.g. <c>http://collector:4317</c>; with
    /// <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c> the full <c>…/v1/traces</c> URL). The standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> does the same job and wins only when this is unset.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>
    /// Traces are collected only when they have somewhere to go: with no exporter every request and grab would
    /// still build spans for nobody.
    /// </summary>
    public bool ExportsTraces(IConfiguration config) =>
        OtlpEndpoint is not null
        || !string.IsNullOrEmpty(config["OTEL_EXPORTER_OTLP_ENDPOINT"])
        || !string.IsNullOrEmpty(config["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]);
}
