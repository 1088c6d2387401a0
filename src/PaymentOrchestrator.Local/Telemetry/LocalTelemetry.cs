using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PaymentOrchestrator.Orchestration.Telemetry;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Local.Telemetry;

/// <summary>
/// OpenTelemetry in the local host: the orchestrator's and the Vipps client's sources and meter, the Durable Task
/// Framework's spans (<c>DurableTask.Core</c>: the orchestration and its activity under the intake that started or
/// signalled it), inbound HTTP (the API, webhooks), outbound HTTP to Vipps only (never the Storage SDK's requests,
/// never a URL with personal data in it), runtime metrics, and the logs with their trace and span ids. Off — nothing
/// registered, nothing exported — unless an OTLP endpoint is set or a test adds its own exporter.
/// </summary>
public static class LocalTelemetry
{
    /// <summary>The <c>service.name</c> of the local host's telemetry.</summary>
    public const string ServiceName = "payment-orchestrator-local";

    /// <summary>Adds OpenTelemetry when <paramref name="otlpEndpoint"/> or <paramref name="configure"/> is given.</summary>
    public static void Add(IServiceCollection services, ILoggingBuilder logging, Uri? otlpEndpoint, Action<IOpenTelemetryBuilder>? configure)
    {
        if (otlpEndpoint is null && configure is null)
        {
            return;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddSource([.. OrchestratorTelemetry.Sources])
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = context => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = VippsRequestOptions.IsTraceable))
            .WithMetrics(metrics => metrics
                .AddMeter([.. OrchestratorTelemetry.Meters])
                .AddRuntimeInstrumentation()
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithLogging(configureBuilder: null, configureOptions: (OpenTelemetryLoggerOptions options) => options.IncludeFormattedMessage = true);
        // The Framework's and the Durable backend's information logs are chatter; warnings and above are kept.
        logging.AddFilter<OpenTelemetryLoggerProvider>("Microsoft", LogLevel.Warning);
        logging.AddFilter<OpenTelemetryLoggerProvider>("System.Net.Http", LogLevel.Warning);
        logging.AddFilter<OpenTelemetryLoggerProvider>("DurableTask", LogLevel.Warning);
        logging.AddFilter<OpenTelemetryLoggerProvider>("Polly", LogLevel.Warning);
        if (otlpEndpoint is not null)
        {
            telemetry.UseOtlpExporter(OtlpExportProtocol.Grpc, otlpEndpoint);
        }

        configure?.Invoke(telemetry);
    }

    /// <summary>
    /// Starts the providers now rather than with the host's hosted services: the host asks Vipps before it starts (the
    /// demo sales unit from the Management API, the webhook registration), and those calls, their token fetch among
    /// them, are telemetry too. Nothing happens when telemetry is off.
    /// </summary>
    public static void Start(IServiceProvider services)
    {
        _ = services.GetService<TracerProvider>();
        _ = services.GetService<MeterProvider>();
    }
}
