namespace PaymentOrchestrator.Local.Hosting;

/// <summary>How to start a <see cref="LocalHost"/>: configuration on top of appsettings/environment, and where Azurite keeps data.</summary>
public sealed record LocalHostOptions
{
    /// <summary>Command-line style configuration (<c>--Local:Http:Port 0</c>), applied over appsettings and the environment.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Settings applied last (tests and the demo), e.g. <c>["Local:Http:Port"] = "0"</c>.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Read appsettings.json and environment variables (off in tests so that a developer's setup cannot leak in).</summary>
    public bool UseAmbientConfiguration { get; init; } = true;

    /// <summary>
    /// When no storage is configured an Azurite is started: on its default ports with data here (<c>run</c>), or on free
    /// ports in memory when null (the demo).
    /// </summary>
    public string? AzuriteDataDirectory { get; init; }

    /// <summary>
    /// Where the in-process Vipps simulator keeps its state (payments, agreements, charges, idempotency records, webhook
    /// registrations, clock offset), so that a restarted <c>run</c> continues its sagas against the same Vipps. Null: in
    /// memory (the demo and the tests).
    /// </summary>
    public string? SimulatorStateFile { get; init; }

    /// <summary>Minimum log level for the console (none: no console logging).</summary>
    public LogLevel? ConsoleLogLevel { get; init; } = LogLevel.Information;

    /// <summary>Extra service registrations applied before the orchestrator's (tests: wrap the executor, a fake clock …).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>
    /// More OpenTelemetry configuration (tests: an in-memory exporter). Given, telemetry is on even without an OTLP
    /// endpoint (<c>Local:Telemetry</c>).
    /// </summary>
    public Action<OpenTelemetry.IOpenTelemetryBuilder>? ConfigureTelemetry { get; init; }

    /// <summary>Status lines while starting (Azurite installing, simulator started …).</summary>
    public Action<string>? Progress { get; init; }
}
