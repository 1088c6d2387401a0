using System.Text.Json;
using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Webhooks;

namespace PaymentOrchestrator.Vipps.Tests;

public class ValueTypeTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("capture-1-0123456789abcdef")]
    [InlineData("0123456789012345678901234567890123456789")] // 40
    public void idempotency_keys_of_up_to_40_safe_characters_are_accepted(string value) =>
        Assert.Equal(value, IdempotencyKey.Create(value).Value);

    [Theory]
    [InlineData("")]
    [InlineData("01234567890123456789012345678901234567890")] // 41
    [InlineData("has space")]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\\b")]
    [InlineData("under_score")]
    [InlineData("æøå")]
    public void other_idempotency_keys_are_refused_with_a_reason(string value)
    {
        Assert.False(IdempotencyKey.TryCreate(value, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Throws<ArgumentException>(() => IdempotencyKey.Create(value));
    }

    [Fact]
    public void a_default_idempotency_key_cannot_be_sent() =>
        Assert.Throws<InvalidOperationException>(() => default(IdempotencyKey).Value);

    [Theory]
    [InlineData("1234")]
    [InlineData("123456")]
    public void msns_are_four_to_six_digits(string value) => Assert.Equal(value, MerchantSerialNumber.Create(value).Value);

    [Theory]
    [InlineData("123")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("")]
    public void other_msns_are_refused(string value) => Assert.Throws<ArgumentException>(() => MerchantSerialNumber.Create(value));

    [Fact]
    public void a_secret_never_prints_its_value()
    {
        var secret = new Secret("s3cr3t-value");

        Assert.Equal("***", secret.ToString());
        Assert.Equal("s3cr3t-value", secret.Reveal());
        Assert.DoesNotContain("s3cr3t", $"{secret}", StringComparison.Ordinal);
    }

    [Fact]
    public void records_holding_a_secret_print_it_redacted()
    {
        var response = new RegisterWebhookResponse { Id = Guid.Empty, Secret = new Secret("webhook-secret-value") };

        Assert.DoesNotContain("webhook-secret-value", response.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void a_secret_is_read_from_json_but_never_written()
    {
        var response = JsonSerializer.Deserialize<RegisterWebhookResponse>("""{"id":"4f1d9f3e-1111-2222-3333-444455556666","secret":"abc"}""", Http.VippsJson.Options)!;

        Assert.Equal("abc", response.Secret.Reveal());
        Assert.Throws<JsonException>(() => JsonSerializer.Serialize(response, Http.VippsJson.Options));
    }

    [Fact]
    public void key_sets_and_their_options_print_no_secrets()
    {
        var options = new VippsKeySetOptions { ClientId = "client-id-value", ClientSecret = "client-secret-value", SubscriptionKey = "sub-key-value", SecondarySubscriptionKey = "sub-key-2-value" };
        var keySet = VippsKeySet.FromOptions("partner", options);

        foreach (var text in new[] { options.ToString(), keySet.ToString() })
        {
            Assert.DoesNotContain("client-id-value", text, StringComparison.Ordinal);
            Assert.DoesNotContain("client-secret-value", text, StringComparison.Ordinal);
            Assert.DoesNotContain("sub-key", text, StringComparison.Ordinal);
        }

        Assert.Contains("partner", keySet.ToString(), StringComparison.Ordinal);
    }
}
