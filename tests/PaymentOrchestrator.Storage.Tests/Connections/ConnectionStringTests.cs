using Azure.Identity;
using PaymentOrchestrator.Azurite;
using PaymentOrchestrator.Storage.Connections;

namespace PaymentOrchestrator.Storage.Tests.Connections;

public sealed class ConnectionStringTests
{
    private const string Key = "Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4";

    [Fact]
    public void development_storage_points_at_the_emulator_ports_with_the_well_known_account()
    {
        var connection = StorageConnection.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), connection.TableServiceUri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), connection.QueueServiceUri);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), connection.BlobServiceUri);
        Assert.Equal("devstoreaccount1", connection.AccountName);
        Assert.Equal(StorageAuthenticationKind.SharedKey, connection.Authentication);
    }

    [Fact]
    public void account_name_and_key_derive_the_public_cloud_endpoints()
    {
        var connection = StorageConnection.Parse($"DefaultEndpointsProtocol=https;AccountName=payacct;AccountKey={Key};EndpointSuffix=core.windows.net");

        Assert.Equal(new Uri("https://payacct.table.core.windows.net/"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://payacct.queue.core.windows.net/"), connection.QueueServiceUri);
        Assert.Equal(new Uri("https://payacct.blob.core.windows.net/"), connection.BlobServiceUri);
        Assert.Equal("payacct", connection.AccountName);
    }

    [Fact]
    public void protocol_and_endpoint_suffix_are_honoured_and_https_is_the_default()
    {
        var sovereign = StorageConnection.Parse($"DefaultEndpointsProtocol=http;AccountName=a1;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn");
        var defaulted = StorageConnection.Parse($"AccountName=a1;AccountKey={Key}");

        Assert.Equal(new Uri("http://a1.table.core.chinacloudapi.cn/"), sovereign.TableServiceUri);
        Assert.Equal(new Uri("https://a1.queue.core.windows.net/"), defaulted.QueueServiceUri);
    }

    [Fact]
    public void explicit_path_style_endpoints_override_the_derived_ones()
    {
        var connection = StorageConnection.Parse(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};" +
            "BlobEndpoint=http://127.0.0.1:41001/devstoreaccount1;QueueEndpoint=http://127.0.0.1:41002/devstoreaccount1;" +
            "TableEndpoint=http://127.0.0.1:41003/devstoreaccount1;");

        Assert.Equal(new Uri("http://127.0.0.1:41003/devstoreaccount1"), connection.TableServiceUri);
        Assert.Equal(new Uri("http://127.0.0.1:41002/devstoreaccount1"), connection.QueueServiceUri);
        Assert.Equal(new Uri("http://127.0.0.1:41001/devstoreaccount1"), connection.BlobServiceUri);
    }

    [Fact]
    public async Task the_connection_string_of_a_test_azurite_parses_into_its_endpoints()
    {
        var server = await PaymentOrchestrator.Testing.SharedAzurite.GetAsync();

        var connection = StorageConnection.Parse(server.ConnectionString);

        Assert.Equal(server.TableEndpoint, connection.TableServiceUri);
        Assert.Equal(server.QueueEndpoint, connection.QueueServiceUri);
        Assert.Equal(AzuriteServer.AccountName, connection.AccountName);
    }

    [Fact]
    public void setting_names_are_case_insensitive_and_blank_segments_and_spaces_are_ignored()
    {
        var connection = StorageConnection.Parse($" accountname = a2 ;; ACCOUNTKEY={Key} ; defaultendpointsprotocol=http ;");

        Assert.Equal("a2", connection.AccountName);
        Assert.Equal(new Uri("http://a2.table.core.windows.net/"), connection.TableServiceUri);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("AccountName=a", "AccountKey")]
    [InlineData("AccountKey=" + Key, "AccountName")]
    [InlineData("AccountName=a;AccountKey=not*base64!", "base64")]
    [InlineData("AccountName=a;AccountKey=" + Key + ";AccountName=b", "more than once")]
    [InlineData("AccountName=a;AccountKey=" + Key + ";DefaultEndpointsProtocol=ftp", "http or https")]
    [InlineData("AccountName=a;AccountKey=" + Key + ";TableEndpoint=not a uri", "TableEndpoint")]
    [InlineData("BlobEndpoint=https://a.blob.core.windows.net/;SharedAccessSignature=sv=2020&sig=x", "SharedAccessSignature")]
    [InlineData("UseDevelopmentStorage=maybe", "UseDevelopmentStorage")]
    [InlineData("AccountName=a;garbage", "segment 2")]
    public void malformed_connection_strings_are_rejected_with_a_message_naming_the_setting(string connectionString, string expected)
    {
        var error = Assert.Throws<FormatException>(() => StorageConnection.Parse(connectionString));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not*base64!", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void options_with_a_connection_string_give_a_shared_key_connection()
    {
        var options = new StorageConnectionOptions { ConnectionString = "UseDevelopmentStorage=true" };

        var connection = options.CreateConnection();

        Assert.Equal(StorageAuthenticationKind.SharedKey, connection.Authentication);
        Assert.Equal("devstoreaccount1", connection.AccountName);
    }

    [Fact]
    public void options_with_service_uris_use_managed_identity_unless_a_credential_is_given()
    {
        var options = new StorageConnectionOptions
        {
            TableServiceUri = new Uri("https://payacct.table.core.windows.net/"),
            QueueServiceUri = new Uri("https://payacct.queue.core.windows.net/"),
            ManagedIdentityClientId = "00000000-0000-0000-0000-000000000001",
        };

        var connection = options.CreateConnection();

        Assert.Equal(StorageAuthenticationKind.TokenCredential, connection.Authentication);
        Assert.IsType<ManagedIdentityCredential>(connection.TokenCredential);
        Assert.Equal(options.TableServiceUri, connection.TableServiceUri);
        Assert.Null(connection.AccountName);
    }

    [Fact]
    public void options_with_nothing_or_both_kinds_say_what_to_set()
    {
        var none = Assert.Throws<InvalidOperationException>(() => new StorageConnectionOptions().CreateConnection());
        var both = Assert.Throws<InvalidOperationException>(() => new StorageConnectionOptions
        {
            ConnectionString = "UseDevelopmentStorage=true",
            TableServiceUri = new Uri("https://payacct.table.core.windows.net/"),
        }.CreateConnection());

        Assert.Contains("Storage:ConnectionString", none.Message, StringComparison.Ordinal);
        Assert.Contains("not both", both.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_client_for_a_service_the_connection_lacks_explains_the_missing_endpoint()
    {
        var connection = new StorageConnection(new Uri("https://payacct.table.core.windows.net/"), null, new StorageSharedKeyCredential("payacct", Key));

        var error = Assert.Throws<InvalidOperationException>(() => new PaymentOrchestrator.Storage.Queues.QueueClient(connection, "jobs"));

        Assert.Contains("no queue endpoint", error.Message, StringComparison.Ordinal);
    }
}
