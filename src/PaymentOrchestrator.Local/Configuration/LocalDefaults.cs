namespace PaymentOrchestrator.Local.Configuration;

/// <summary>Names the local host, its CLI and the demo agree on.</summary>
public static class LocalDefaults
{
    /// <summary>The source of events the CLI sends unless told otherwise.</summary>
    public const string WebshopSource = "webshop/demo";

    /// <summary>The source of refunds made with the session API key.</summary>
    public const string FinanceSource = "finance/demo";

    /// <summary>The key set name the host gives the simulator's partner keys.</summary>
    public const string SimulatorKeySetName = "partner";

    /// <summary>The accounting key set of the in-process simulator (Report API, reconciliation).</summary>
    public const string SimulatorAccountingKeySetName = "accounting";

    /// <summary>The header carrying the API key (the API's, one name for both hosts; header names ignore case).</summary>
    public const string ApiKeyHeader = Orchestration.Hosting.HostingNames.ApiKeyHeader;

    /// <summary>Where <c>run</c> keeps Azurite's data, under the current directory.</summary>
    public const string AzuriteDataDirectory = ".azurite";

    /// <summary>Where <c>run</c> keeps the in-process Vipps simulator's state, in <see cref="AzuriteDataDirectory"/>.</summary>
    public const string SimulatorStateFile = "vipps-simulator.json";
}
