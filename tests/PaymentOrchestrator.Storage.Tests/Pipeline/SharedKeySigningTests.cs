using Azure.Core;
using Azure.Core.Pipeline;
using PaymentOrchestrator.Storage.Pipeline;

namespace PaymentOrchestrator.Storage.Tests.Pipeline;

/// <summary>The strings-to-sign that the feasibility experiments proved against Azurite (path-style: account twice).</summary>
public sealed class SharedKeySigningTests
{
    private static readonly HttpPipeline Pipeline = HttpPipelineBuilder.Build(new StorageClientOptions());

    private static Request NewRequest(RequestMethod method, string uri)
    {
        var request = Pipeline.CreateRequest();
        request.Method = method;
        request.Uri.Reset(new Uri(uri));
        return request;
    }

    [Fact]
    public void table_shared_key_signs_verb_content_type_date_and_the_doubled_account_path()
    {
        var request = NewRequest(RequestMethod.Post, "http://127.0.0.1:10002/devstoreaccount1/Tables");
        request.Headers.SetValue("Content-Type", "application/json");
        request.Content = RequestContent.Create("{}"u8.ToArray());

        var sts = SharedKeySigningPolicy.TableStringToSign(request, "Sat, 21 Nov 2026 23:22:56 GMT", "devstoreaccount1");

        Assert.Equal("POST\n\napplication/json\nSat, 21 Nov 2026 23:22:56 GMT\n/devstoreaccount1/devstoreaccount1/Tables", sts);
    }

    [Fact]
    public void table_shared_key_ignores_a_content_type_that_will_not_be_sent_and_signs_only_comp_of_the_query()
    {
        var request = NewRequest(RequestMethod.Get, "http://127.0.0.1:10002/devstoreaccount1/orders()?$filter=PartitionKey%20eq%20%27p%27&comp=acl");
        request.Headers.SetValue("Content-Type", "application/json");

        var sts = SharedKeySigningPolicy.TableStringToSign(request, "D", "devstoreaccount1");

        Assert.Equal("GET\n\n\nD\n/devstoreaccount1/devstoreaccount1/orders()?comp=acl", sts);
    }

    [Fact]
    public void queue_shared_key_signs_length_sorted_x_ms_headers_and_decoded_sorted_query()
    {
        var request = NewRequest(
            RequestMethod.Put, "http://127.0.0.1:10001/devstoreaccount1/jobs/messages/abc?visibilitytimeout=0&popreceipt=MjFOb3Yy%2BYQ%3D%3D");
        request.Headers.SetValue("x-ms-version", "2021-12-02");
        request.Headers.SetValue("x-ms-date", "Sat, 21 Nov 2026 23:23:16 GMT");
        request.Headers.SetValue("X-Ms-Client-Request-Id", "506b");
        request.Content = RequestContent.Create(new byte[76]);

        var sts = SharedKeySigningPolicy.BlobQueueStringToSign(request, "devstoreaccount1");

        Assert.Equal(
            "PUT\n\n\n76\n\n\n\n\n\n\n\n\n" +
            "x-ms-client-request-id:506b\nx-ms-date:Sat, 21 Nov 2026 23:23:16 GMT\nx-ms-version:2021-12-02\n" +
            "/devstoreaccount1/devstoreaccount1/jobs/messages/abc\npopreceipt:MjFOb3Yy+YQ==\nvisibilitytimeout:0",
            sts);
    }

    [Fact]
    public void queue_shared_key_leaves_the_length_empty_without_content()
    {
        var request = NewRequest(RequestMethod.Put, "http://127.0.0.1:10001/devstoreaccount1/jobs");
        request.Headers.SetValue("x-ms-date", "D");

        var sts = SharedKeySigningPolicy.BlobQueueStringToSign(request, "devstoreaccount1");

        Assert.Equal("PUT\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:D\n/devstoreaccount1/devstoreaccount1/jobs", sts);
    }
}
