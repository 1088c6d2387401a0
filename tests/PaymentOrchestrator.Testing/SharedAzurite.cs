using PaymentOrchestrator.Azurite;

namespace PaymentOrchestrator.Testing;

/// <summary>
/// One Azurite per test process, started on first use on free ports with in-memory persistence and stopped when the
/// process exits (launch.js also exits when our stdin closes, so even a crashed test host leaves no orphan).
/// A test run never depends on an Azurite that happens to be running.
/// </summary>
public static class SharedAzurite
{
    private static readonly Lazy<Task<AzuriteServer>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The process-wide Azurite.</summary>
    public static Task<AzuriteServer> GetAsync() => Server.Value;

    private static async Task<AzuriteServer> StartAsync()
    {
        var server = await AzuriteServer.StartAsync(AzuriteOptions.ForTests);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }
}
