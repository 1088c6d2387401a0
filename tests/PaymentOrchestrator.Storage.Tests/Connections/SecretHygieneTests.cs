using Azure;
using PaymentOrchestrator.Azurite;
using PaymentOrchestrator.Storage.Connections;
using PaymentOrchestrator.Storage.Queues;
using PaymentOrchestrator.Storage.Tables;
using PaymentOrchestrator.Storage.Tests.Support;

namespace PaymentOrchestrator.Storage.Tests.Connections;

public sealed class SecretHygieneTests
{
    // A valid base64 key that Azurite does not know: requests signed with it fail with 403.
    private const string WrongKey = "d3JvbmctYnV0LXdlbGwtZm9ybWVkLWtleS13cm9uZy1idXQtd2VsbC1mb3JtZWQ=";

    private static void AssertNoKey(string? text)
    {
        Assert.NotNull(text);
        Assert.DoesNotContain(AzuriteServer.AccountKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteServer.AccountKey[..20], text, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey[..20], text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task connection_clients_credentials_and_options_describe_themselves_without_the_key()
    {
        var connectionString = await Support.Storage.ConnectionStringAsync();
        var connection = StorageConnection.Parse(connectionString);

        AssertNoKey(connection.ToString());
        AssertNoKey(StorageConnection.DevelopmentStorage.ToString());
        AssertNoKey(new StorageSharedKeyCredential("devstoreaccount1", AzuriteServer.AccountKey).ToString());
        AssertNoKey(new StorageConnectionOptions { ConnectionString = connectionString }.ToString());
        AssertNoKey(new TableServiceClient(connection).ToString());
        AssertNoKey(new TableServiceClient(connection).GetTableClient("orders").ToString());
        AssertNoKey(new QueueServiceClient(connection).ToString());
        AssertNoKey(new QueueServiceClient(connection).GetQueueClient("jobs").ToString());
        Assert.Contains("devstoreaccount1", connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_authentication_failure_names_operation_status_and_request_id_but_not_the_key()
    {
        var server = await PaymentOrchestrator.Testing.SharedAzurite.GetAsync();
        var wrong = server.ConnectionString.Replace(AzuriteServer.AccountKey, WrongKey, StringComparison.Ordinal);
        var queue = new QueueClient(wrong, Support.Storage.QueueName());
        var table = new TableClient(wrong, Support.Storage.TableName());

        var queueError = await Assert.ThrowsAsync<StorageRequestFailedException>(() => queue.CreateIfNotExistsAsync());
        var tableError = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.CreateIfNotExistsAsync());

        Assert.Equal(403, queueError.Status);
        Assert.Equal(403, tableError.Status);
        Assert.Equal("CreateQueue", queueError.Operation);
        Assert.Contains(queue.Name, queueError.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(queueError.RequestId));
        foreach (var error in new[] { queueError, tableError })
        {
            AssertNoKey(error.Message);
            AssertNoKey(error.ToString());
        }
    }

    [Fact]
    public async Task a_concurrency_failure_message_does_not_contain_the_key()
    {
        var table = await Support.Storage.NewTableAsync();
        var added = await table.AddEntityAsync(new OrderEntity { PartitionKey = "p", RowKey = "r", Status = "new" });
        await table.UpdateEntityAsync(new OrderEntity { PartitionKey = "p", RowKey = "r", Status = "paid" }, added.ETag);

        var error = await Assert.ThrowsAsync<StorageConcurrencyException>(
            () => table.UpdateEntityAsync(new OrderEntity { PartitionKey = "p", RowKey = "r", Status = "late" }, added.ETag));

        AssertNoKey(error.ToString());
    }

    [Fact]
    public async Task a_network_failure_message_does_not_contain_the_key()
    {
        var connection = new StorageConnection(
            new Uri("http://127.0.0.1:9/devstoreaccount1"), null, new StorageSharedKeyCredential("devstoreaccount1", AzuriteServer.AccountKey));
        var options = new StorageClientOptions();
        options.Retry.MaxRetries = 0;
        var table = new TableClient(connection, "orders", options);

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.GetEntityIfExistsAsync<OrderEntity>("p", "r"));

        Assert.Equal(0, error.Status);
        Assert.IsAssignableFrom<RequestFailedException>(error.InnerException);
        AssertNoKey(error.ToString());
    }
}
