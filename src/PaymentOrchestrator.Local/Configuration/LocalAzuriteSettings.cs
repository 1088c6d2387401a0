using PaymentOrchestrator.Azurite;

namespace PaymentOrchestrator.Local.Configuration;

/// <summary>
/// The Azurite that <c>run</c> starts when no storage is configured (<c>Local:Azurite</c>), and that the CLI then talks
/// to: its ports.
/// </summary>
public sealed class LocalAzuriteSettings
{
    public int BlobPort { get; set; } = AzuriteOptions.DefaultBlobPort;

    public int QueuePort { get; set; } = AzuriteOptions.DefaultQueuePort;

    public int TablePort { get; set; } = AzuriteOptions.DefaultTablePort;
}
