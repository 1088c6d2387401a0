using Azure.Data.Tables;
using Azure.Storage.Queues;
using PaymentOrchestrator.Testing;

namespace PaymentOrchestrator.Storage.Tests;

/// <summary>Fresh, uniquely named tables and queues on the process-wide Azurite, so tests run in parallel.</summary>
internal static class Fresh
{
    public static async Task<StorageClients> ClientsAsync() => new((await SharedAzurite.GetAsync()).ConnectionString);

    public static async Task<TableClient> TableAsync()
    {
        var table = (await ClientsAsync()).Tables.GetTableClient("t" + Guid.NewGuid().ToString("N"));
        await table.CreateIfNotExistsAsync();
        return table;
    }

    public static async Task<QueueClient> QueueAsync(StorageClients? clients = null)
    {
        var queue = (clients ?? await ClientsAsync()).Queues.GetQueueClient("q-" + Guid.NewGuid().ToString("N"));
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    /// <summary>A client of the same queue that neither encodes nor decodes: what another producer would use.</summary>
    public static async Task<QueueClient> RawAsync(QueueClient queue) =>
        new((await SharedAzurite.GetAsync()).ConnectionString, queue.Name, new QueueClientOptions(QueueClientOptions.ServiceVersion.V2025_11_05) { MessageEncoding = QueueMessageEncoding.None });
}
