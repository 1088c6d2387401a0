using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using PaymentOrchestrator.Vipps.Webhooks;

namespace PaymentOrchestrator.Vipps.Tests.Webhooks;

public class VippsWebhookSignatureVerifierTests
{
    // A fixed vector computed outside .NET (Python hashlib/hmac) from the recipe in vipps-api-notes §6:
    // stringToSign = "POST\n/webhooks/vipps?tenant=acme\nMon, 14 Aug 2023 12:35:00 GMT;example.com;" + contentHash.
    private const string Body = """{"msn":"123456","reference":"acme-shop-123-order123abc","pspReference":"7686f7788898767977","name":"AUTHORIZED","amount":{"currency":"NOK","value":1000},"timestamp":"2023-08-14T12:34:56.789Z","idempotencyKey":null,"success":true}""";
    private const string Secret = "090a478d-37ff-4e77-970e-d457aeb26a3a";
    private const string Date = "Mon, 14 Aug 2023 12:35:00 GMT";
    private const string ContentHash = "bEcwVZULVlbf1MPK55O3qFli2hH9hdxSuX1Fr9Yfkag=";
    private const string Authorization = "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=a/lpSx9Tgew8wAdrprKe4KIceE9VJuXS2QmXAPneRwk=";
    private static readonly Uri RegisteredUrl = new("https://example.com/webhooks/vipps?tenant=acme");
    private static readonly byte[] BodyBytes = Encoding.UTF8.GetBytes(Body);

    private static VippsWebhookSignatureVerifier VerifierAt(string now, TimeSpan? window = null) =>
        new(new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)), window);

    [Fact]
    public void a_request_signed_as_vipps_documents_is_valid()
    {
        var result = VerifierAt("2023-08-14T12:36:00Z").Verify(RegisteredUrl, Secret, BodyBytes, Date, ContentHash, Authorization);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(WebhookSignatureFailure.None, result.Failure);
    }

    [Fact]
    public void the_vector_matches_an_independent_computation_with_the_bcl()
    {
        var hash = Convert.ToBase64String(SHA256.HashData(BodyBytes));
        var toSign = $"POST\n{RegisteredUrl.PathAndQuery}\n{Date};{RegisteredUrl.Authority};{hash}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(toSign)));

        Assert.Equal(ContentHash, hash);
        Assert.Equal(Authorization, "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature);
    }

    [Fact]
    public void a_changed_body_fails_the_content_hash()
    {
        var reserialized = Encoding.UTF8.GetBytes(Body.Replace("\"value\":1000", "\"value\": 1000", StringComparison.Ordinal));

        var result = VerifierAt("2023-08-14T12:36:00Z").Verify(RegisteredUrl, Secret, reserialized, Date, ContentHash, Authorization);

        Assert.Equal(WebhookSignatureFailure.ContentHashMismatch, result.Failure);
    }

    [Fact]
    public void another_secret_fails_the_signature()
    {
        var result = VerifierAt("2023-08-14T12:36:00Z").Verify(RegisteredUrl, "not-the-secret", BodyBytes, Date, ContentHash, Authorization);

        Assert.Equal(WebhookSignatureFailure.SignatureMismatch, result.Failure);
        Assert.DoesNotContain(Secret, result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("a/lpSx9T", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://example.com/webhooks/vipps")]               // query left out
    [InlineData("https://proxy.internal/webhooks/vipps?tenant=acme")] // the host the request arrived at behind a proxy
    [InlineData("https://example.com:8443/webhooks/vipps?tenant=acme")]
    public void the_string_to_sign_uses_the_registered_url_exactly(string otherUrl)
    {
        var result = VerifierAt("2023-08-14T12:36:00Z").Verify(new Uri(otherUrl), Secret, BodyBytes, Date, ContentHash, Authorization);

        Assert.Equal(WebhookSignatureFailure.SignatureMismatch, result.Failure);
    }

    [Fact]
    public void the_default_https_port_is_not_part_of_the_host()
    {
        var result = VerifierAt("2023-08-14T12:36:00Z").Verify(new Uri("https://example.com:443/webhooks/vipps?tenant=acme"), Secret, BodyBytes, Date, ContentHash, Authorization);

        Assert.True(result.IsValid, result.Reason);
    }

    [Theory]
    [InlineData("2023-08-14T12:40:01Z")] // 5 min 1 s after x-ms-date: a replay
    [InlineData("2023-08-14T12:29:59Z")] // 5 min 1 s before: a clock far ahead
    public void a_date_outside_the_freshness_window_is_stale(string now)
    {
        var result = VerifierAt(now).Verify(RegisteredUrl, Secret, BodyBytes, Date, ContentHash, Authorization);

        Assert.Equal(WebhookSignatureFailure.Stale, result.Failure);
    }

    [Fact]
    public void the_freshness_window_is_configurable()
    {
        var result = VerifierAt("2023-08-14T13:30:00Z", TimeSpan.FromHours(1)).Verify(RegisteredUrl, Secret, BodyBytes, Date, ContentHash, Authorization);

        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public void missing_headers_are_named()
    {
        var result = VerifierAt("2023-08-14T12:36:00Z").Verify(RegisteredUrl, Secret, BodyBytes, Date, null, "");

        Assert.Equal(WebhookSignatureFailure.MissingHeader, result.Failure);
        Assert.Contains("x-ms-content-sha256", result.Reason, StringComparison.Ordinal);
        Assert.Contains("Authorization", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void a_date_that_is_not_rfc1123_is_refused()
    {
        var result = VerifierAt("2023-08-14T12:36:00Z").Verify(RegisteredUrl, Secret, BodyBytes, "2023-08-14T12:35:00Z", ContentHash, Authorization);

        Assert.Equal(WebhookSignatureFailure.InvalidDate, result.Failure);
    }

    [Fact]
    public void a_tampered_date_breaks_the_signature()
    {
        var result = VerifierAt("2023-08-14T12:36:00Z").Verify(RegisteredUrl, Secret, BodyBytes, "Mon, 14 Aug 2023 12:35:30 GMT", ContentHash, Authorization);

        Assert.Equal(WebhookSignatureFailure.SignatureMismatch, result.Failure);
    }
}
