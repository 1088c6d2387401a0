using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Vipps.Tests.Support;

namespace PaymentOrchestrator.Vipps.Tests.Credentials;

public class VippsClientOptionsValidatorTests
{
    private static readonly Uri Local = new("http://127.0.0.1:1/");

    /// <summary>The start-up validation failures of the test host's settings after <paramref name="change"/>.</summary>
    internal static IReadOnlyList<string> Validate(bool test, Action<Dictionary<string, string?>> change)
    {
        var settings = VippsTestHost.BaseSettings(Local, test);
        change(settings);
        var services = new ServiceCollection();
        services.AddVippsClient(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return e.Failures.ToList();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void the_default_production_and_test_settings_are_valid(bool test) => Assert.Empty(Validate(test, _ => { }));

    [Fact]
    public void an_empty_client_secret_is_named_with_how_to_set_it()
    {
        var errors = Validate(false, s => s["Vipps:KeySets:partner:ClientSecret"] = "");

        var error = Assert.Single(errors);
        Assert.Contains("Vipps:KeySets:partner:ClientSecret is empty", error, StringComparison.Ordinal);
        Assert.Contains("user-secrets", error, StringComparison.Ordinal);
        Assert.Contains("Vipps__KeySets__partner__ClientSecret", error, StringComparison.Ordinal);
    }

    [Fact]
    public void partner_keys_in_test_are_refused_with_the_fix()
    {
        var errors = Validate(true, s =>
        {
            VippsTestHost.AddKeySet(s, "partner", "Partner", "Test", "id", "secret", "sub", null);
            s["Vipps:PartnerKeySet"] = "partner";
        });

        Assert.Contains(errors, e => e.Contains("Vipps:KeySets:partner is a Partner key set with Environment Test", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Vipps:PartnerKeySet is set while Vipps:Environment is Test", StringComparison.Ordinal) && e.Contains("MerchantKeySets", StringComparison.Ordinal));
    }

    [Fact]
    public void a_partner_key_set_that_is_not_partner_typed_is_refused()
    {
        var errors = Validate(false, s => s["Vipps:PartnerKeySet"] = "management");

        Assert.Contains(errors, e => e.Contains("Vipps:PartnerKeySet names 'management', whose Type is Management", StringComparison.Ordinal));
    }

    [Fact]
    public void a_reference_to_a_missing_key_set_is_refused()
    {
        var errors = Validate(false, s => s["Vipps:MerchantKeySets:223344"] = "nope");

        Assert.Contains(errors, e => e.Contains("Vipps:MerchantKeySets:223344 names 'nope', but there is no Vipps:KeySets:nope", StringComparison.Ordinal));
    }

    [Fact]
    public void production_keys_mapped_in_a_test_deployment_are_refused()
    {
        var errors = Validate(true, s => s["Vipps:KeySets:merchant-123456:Environment"] = "Production");

        Assert.Contains(errors, e => e.Contains("Vipps:MerchantKeySets:123456 names 'merchant-123456', whose Environment is Production, but Vipps:Environment is Test", StringComparison.Ordinal));
    }

    [Fact]
    public void an_invalid_msn_key_is_refused()
    {
        var errors = Validate(true, s => s["Vipps:MerchantKeySets:12"] = "merchant-123456");

        Assert.Contains(errors, e => e.Contains("Vipps:MerchantKeySets:12: '12' is not a merchant serial number", StringComparison.Ordinal));
    }

    [Fact]
    public void system_headers_are_at_most_30_characters_and_required_for_partners()
    {
        var errors = Validate(false, s =>
        {
            s["Vipps:System:PluginName"] = new string('x', 31);
            s["Vipps:System:Name"] = "";
        });

        Assert.Contains(errors, e => e.Contains("Vipps:System:PluginName is 31 characters; Vipps allows at most 30", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Vipps:System:Name is required with partner keys", StringComparison.Ordinal));
    }

    [Fact]
    public void resilience_settings_out_of_range_are_refused()
    {
        var errors = Validate(false, s =>
        {
            s["Vipps:Resilience:MaxRetryAttempts"] = "50";
            s["Vipps:Resilience:AttemptTimeout"] = "00:05:00";
            s["Vipps:Resilience:TotalTimeout"] = "00:01:00";
            s["Vipps:Resilience:CircuitBreaker:FailureRatio"] = "0";
        });

        Assert.Contains(errors, e => e.StartsWith("Vipps:Resilience:MaxRetryAttempts is 50", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Vipps:Resilience:AttemptTimeout (00:05:00) is longer than Vipps:Resilience:TotalTimeout", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Vipps:Resilience:CircuitBreaker:FailureRatio is 0", StringComparison.Ordinal));
    }

    [Fact]
    public void nothing_callable_is_refused()
    {
        var errors = Validate(false, s => s.Remove("Vipps:PartnerKeySet"));

        Assert.Contains(errors, e => e.StartsWith("No sales unit can be called", StringComparison.Ordinal));
    }

    [Fact]
    public void messages_never_echo_secret_values()
    {
        var errors = Validate(false, s =>
        {
            s["Vipps:KeySets:partner:SecondarySubscriptionKey"] = s["Vipps:KeySets:partner:SubscriptionKey"];
            s["Vipps:PartnerKeySet"] = "management";
        });

        Assert.NotEmpty(errors);
        foreach (var secret in VippsTestHost.SeedSecrets)
        {
            Assert.DoesNotContain(errors, e => e.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void an_accounting_key_set_that_is_not_accounting_typed_is_refused()
    {
        var errors = Validate(false, s => s["Vipps:AccountingKeySetsByMsn:223344"] = "partner");

        var error = Assert.Single(errors);
        Assert.Contains("Vipps:AccountingKeySetsByMsn:223344 names 'partner', whose Type is Partner", error, StringComparison.Ordinal);
        Assert.Contains("accounting keys only", error, StringComparison.Ordinal);
    }

    [Fact]
    public void accounting_keys_in_a_test_deployment_are_refused_because_test_has_no_settlements()
    {
        var errors = Validate(true, s => s["Vipps:AccountingKeySet"] = "accounting");

        Assert.Contains(errors, e => e.Contains("The Report API does not exist in the Vipps test environment", StringComparison.Ordinal));
    }
}
