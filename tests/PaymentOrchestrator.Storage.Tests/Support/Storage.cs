using PaymentOrchestrator.Storage.Queues;
using PaymentOrchestrator.Storage.Tables;
using PaymentOrchestrator.Testing;

namespace PaymentOrchestrator.Storage.Tests.Support;

/// <summary>Fresh, uniquely named tables and queues on the process-wide Azurite, so tests run in parallel.</summary>
internal static class Storage
{
    public static async Task<string> ConnectionStringAsync() => (await SharedAzurite.GetAsync()).ConnectionString;

    public static string TableName() => "t" + Guid.NewGuid().ToString("N");

    public static string QueueName() => "q-" + Guid.NewGuid().ToString("N");

    public static async Task<TableClient> NewTableAsync(StorageClientOptions? options = null)
    {
        var table = new TableServiceClient(await ConnectionStringAsync(), options).GetTableClient(TableName());
        Assert.True(await table.CreateIfNotExistsAsync());
        return table;
    }

    public static async Task<QueueClient> NewQueueAsync(StorageClientOptions? options = null)
    {
        var queue = new QueueServiceClient(await ConnectionStringAsync(), options).GetQueueClient(QueueName());
        Assert.True(await queue.CreateIfNotExistsAsync());
        return queue;
    }

    /// <summary>Polls until <paramref name="probe"/> returns a value; generous bound, no timing assertion.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, TimeSpan? within = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold in time.");
            }

            await Task.Delay(200);
        }
    }
}
