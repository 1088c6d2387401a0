using PaymentOrchestrator.Azurite;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>
/// A point's own empty Azurite in the run's mode (<c>--azurite memory|disk</c>): in memory by default (its queue
/// service still on disk, in a scratch folder of AzuriteServer's); on disk, in a temporary directory removed afterwards.
/// </summary>
internal sealed class BenchAzurite : IAsyncDisposable
{
    private readonly string? _directory;

    private BenchAzurite(AzuriteServer server, string? directory)
    {
        Server = server;
        _directory = directory;
    }

    public AzuriteServer Server { get; }

    public static async Task<BenchAzurite> StartAsync(SuiteOptions options, CancellationToken cancellationToken)
    {
        string? directory = null;
        var azurite = AzuriteOptions.ForTests;
        if (options.AzuriteOnDisk)
        {
            directory = Path.Combine(Path.GetTempPath(), "po-bench-azurite-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(directory);
            azurite = azurite with { DataDirectory = directory };
        }

        return new BenchAzurite(await AzuriteServer.StartAsync(azurite, cancellationToken), directory);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
