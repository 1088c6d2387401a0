namespace PaymentOrchestrator.Storage.Tests;

public sealed class StorageConnectionOptionsTests
{
    [Theory]
    [InlineData(null, null, null, "not configured")]
    [InlineData("UseDevelopmentStorage=true", "https://acct.table.core.windows.net/", null, "not both")]
    [InlineData(null, "https://acct.table.core.windows.net/", null, "both Storage:TableServiceUri and Storage:QueueServiceUri")]
    [InlineData(null, "http://acct.table.core.windows.net/", "http://acct.queue.core.windows.net/", "must be https")]
    [InlineData("AccountName=a", null, null, "AccountName and AccountKey")]
    [InlineData("garbage", null, null, "not a valid connection string")]
    [InlineData("AccountName=a;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:1/a", null, null, "both TableEndpoint and QueueEndpoint")]
    public void unusable_settings_are_named_with_what_to_fix(string? connectionString, string? tables, string? queues, string expected)
    {
        var options = new StorageConnectionOptions
        {
            ConnectionString = connectionString,
            TableServiceUri = tables is null ? null : new Uri(tables),
            QueueServiceUri = queues is null ? null : new Uri(queues),
        };

        Assert.Contains(expected, options.Validate(), StringComparison.Ordinal);
        var error = Assert.Throws<InvalidOperationException>(() => new StorageClients(options));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void endpoints_with_a_managed_identity_build_clients_for_those_endpoints_without_any_request()
    {
        var clients = new StorageClients(new StorageConnectionOptions
        {
            TableServiceUri = new Uri("https://acct.table.core.windows.net/"),
            QueueServiceUri = new Uri("https://acct.queue.core.windows.net/"),
            ManagedIdentityClientId = "00000000-0000-0000-0000-000000000001",
        });

        Assert.Equal("acct.table.core.windows.net", clients.Tables.Uri.Host);
        Assert.Equal("acct.queue.core.windows.net", clients.Queues.Uri.Host);
    }

    [Fact]
    public void the_connection_string_never_appears_in_a_description_or_an_error()
    {
        const string key = "c2VjcmV0LWtleS10aGF0LW11c3Qtbm90LWxlYWs=";
        var options = new StorageConnectionOptions { ConnectionString = $"AccountName=acct;AccountKey={key};TableEndpoint=http://127.0.0.1:1/acct" };

        Assert.DoesNotContain(key, options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, options.Validate(), StringComparison.Ordinal);
    }
}
