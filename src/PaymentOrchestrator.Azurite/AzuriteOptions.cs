namespace PaymentOrchestrator.Azurite;

/// <summary>How to start the Azurite storage emulator.</summary>
public sealed record AzuriteOptions
{
    /// <summary>Default ports of Azurite (and of <c>UseDevelopmentStorage=true</c>).</summary>
    public const int DefaultBlobPort = 10000, DefaultQueuePort = 10001, DefaultTablePort = 10002;

    /// <summary>The <c>tools/azurite</c> folder (with package.json and launch.js). Null: found by walking up from
    /// the current directory and the application's base directory.</summary>
    public string? ToolsDirectory { get; init; }

    /// <summary>Bind every service to a free port chosen by the OS (tests). False: the default ports.</summary>
    public bool UseFreePorts { get; init; } = true;

    /// <summary>Ports of the Blob, Queue and Table services when <see cref="UseFreePorts"/> is false.</summary>
    public int BlobPort { get; init; } = DefaultBlobPort;

    /// <inheritdoc cref="BlobPort"/>
    public int QueuePort { get; init; } = DefaultQueuePort;

    /// <inheritdoc cref="BlobPort"/>
    public int TablePort { get; init; } = DefaultTablePort;

    /// <summary>Folder for persistent data. Null: in-memory persistence.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Run <c>npm ci</c> in <see cref="ToolsDirectory"/> when Azurite is not installed yet.</summary>
    public bool InstallIfMissing { get; init; } = true;

    /// <summary>The Node.js executable.</summary>
    public string NodeExecutable { get; init; } = "node";

    /// <summary>How long to wait for all three services to listen.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long <c>npm ci</c> may take.</summary>
    public TimeSpan InstallTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Fault injection for tests: every database write of Azurite waits this long first, as a slow disk would
    /// (launch.js's <c>AZURITE_SAVE_DELAY_MS</c>). Zero: none.</summary>
    public TimeSpan SaveDelay { get; init; }

    /// <summary>Default options for a test run: free ports, in-memory.</summary>
    public static AzuriteOptions ForTests { get; } = new();

    /// <summary>Default options for the local host: default ports, data kept in <paramref name="dataDirectory"/>.</summary>
    public static AzuriteOptions ForLocalHost(string dataDirectory) =>
        new() { UseFreePorts = false, DataDirectory = dataDirectory };
}
