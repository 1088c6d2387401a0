namespace PaymentOrchestrator.Local.Configuration;

/// <summary>
/// Where the local host sends its traces, metrics and logs (<c>Local:Telemetry</c>). With neither set nothing is
/// exported and nothing extra starts.
/// </summary>
public sealed class TelemetrySettings
{
    /// <summary>An OTLP/gRPC endpoint to export to, e.g. <c>http://127.0.0.1:4317</c> (a collector or a dashboard already running).</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Start the Aspire dashboard from its NuGet package and export to it (as <c>run --dashboard</c>).</summary>
    public bool Dashboard { get; set; }

    /// <summary>The dashboard's page; 0 picks a free port.</summary>
    public int DashboardPort { get; set; } = 18888;

    /// <summary>The dashboard's OTLP/gRPC endpoint; 0 picks a free port.</summary>
    public int DashboardOtlpPort { get; set; } = 18889;
}
