using PaymentOrchestrator.Api;

namespace PaymentOrchestrator.Local.Configuration;

/// <summary>Settings of the local host (configuration section <c>Local</c>); everything else uses the shared sections.</summary>
public sealed class LocalHostSettings
{
    public const string SectionName = "Local";

    public HttpSettings Http { get; set; } = new();

    public QueueSettings Queues { get; set; } = new();

    public DurableEngineSettings Durable { get; set; } = new();

    public LocalAzuriteSettings Azurite { get; set; } = new();

    public LocalSimulatorSettings Simulator { get; set; } = new();

    public WebhookRegistrationSettings Webhooks { get; set; } = new();

    public TelemetrySettings Telemetry { get; set; } = new();

    /// <summary>
    /// Keys of the HTTP API and console (<c>Local:ApiKeys:0:Name</c>, <c>:Key</c>, <c>:Source</c>, <c>:ManagesSalesUnits</c>). With none,
    /// <c>run</c> makes one for the session (finance source, manages sales units) and prints it once.
    /// </summary>
    public List<ApiKeySettings> ApiKeys { get; set; } = [];

    /// <summary>The sales unit registered when the registry is empty (so that a fresh clone works at once).</summary>
    public SeedSalesUnitSettings SeedSalesUnit { get; set; } = new();

    /// <summary>How long a stop waits for in-flight work before it abandons it (the messages are then redelivered).</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
