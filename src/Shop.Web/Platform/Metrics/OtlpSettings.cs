using OpenTelemetry.Exporter;

namespace Shop.Web.Platform.Metrics;

/// <summary>Where to push metrics, traces and logs over OTLP; nothing is pushed without an endpoint.</summary>
public sealed class OtlpSettings
{
    public const string Section = "OpenTelemetry:Otlp";

    public Uri? Endpoint { get; set; }

    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.Grpc;
}
