using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Tests.Support;

namespace PaymentOrchestrator.Vipps.Tests.Credentials;

public class VippsCredentialResolverTests
{
    private static VippsCredentialResolver Resolver(bool test, Action<VippsClientOptions>? change = null)
    {
        var options = new VippsClientOptions { Environment = test ? VippsEnvironment.Test : VippsEnvironment.Production };
        var environment = test ? VippsEnvironment.Test : VippsEnvironment.Production;
        options.KeySets["merchant-123456"] = KeySet(VippsKeyType.Merchant, environment);
        options.KeySets["management"] = KeySet(VippsKeyType.Management, environment);
        options.KeySets["accounting"] = KeySet(VippsKeyType.Accounting, environment);
        if (!test)
        {
            options.KeySets["partner"] = KeySet(VippsKeyType.Partner, VippsEnvironment.Production);
            options.PartnerKeySet = "partner";
        }

        options.MerchantKeySets["123456"] = "merchant-123456";
        change?.Invoke(options);
        return new VippsCredentialResolver(options, "Vipps");
    }

    private static VippsKeySetOptions KeySet(VippsKeyType type, VippsEnvironment environment) => new()
    {
        Type = type,
        Environment = environment,
        ClientId = "id",
        ClientSecret = "secret",
        SubscriptionKey = "sub",
    };

    [Fact]
    public void in_production_an_msn_without_its_own_keys_uses_the_partner_keys() =>
        Assert.Equal("partner", Resolver(false).Resolve(VippsTestHost.Denmark, VippsOperationKind.MoveMoney).Name);

    [Fact]
    public void an_msn_with_its_own_keys_uses_them_even_in_production() =>
        Assert.Equal("merchant-123456", Resolver(false).Resolve(VippsTestHost.Norway, VippsOperationKind.MoveMoney).Name);

    [Fact]
    public void in_test_each_msn_uses_its_own_merchant_keys() =>
        Assert.Equal("merchant-123456", Resolver(true).Resolve(VippsTestHost.Norway, VippsOperationKind.MoveMoney).Name);

    [Fact]
    public void in_test_an_msn_without_its_own_keys_is_a_clear_configuration_error()
    {
        var e = Assert.Throws<VippsCredentialException>(() => Resolver(true).Resolve(VippsTestHost.Denmark, VippsOperationKind.Read));

        Assert.Equal("223344", e.Msn);
        Assert.Contains("Partner keys work only in production", e.Message, StringComparison.Ordinal);
        Assert.Contains("Vipps:MerchantKeySets:223344", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void partner_wide_calls_need_partner_keys()
    {
        Assert.Equal("partner", Resolver(false).Resolve(null, VippsOperationKind.ManageWebhooks).Name);
        Assert.Throws<VippsCredentialException>(() => Resolver(true).Resolve(null, VippsOperationKind.ManageWebhooks));
    }

    [Fact]
    public void management_keys_may_read_but_never_move_money()
    {
        var resolver = Resolver(false, o => o.MerchantKeySets["223344"] = "management");

        Assert.Equal("management", resolver.Resolve(VippsTestHost.Denmark, VippsOperationKind.Read).Name);
        var e = Assert.Throws<VippsCredentialException>(() => resolver.Resolve(VippsTestHost.Denmark, VippsOperationKind.MoveMoney));
        Assert.Equal("management", e.KeySetName);
        Assert.Contains("management keys can manage sales units but never move money", e.Message, StringComparison.Ordinal);
        Assert.Contains("No request was sent", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(VippsOperationKind.Read)]
    [InlineData(VippsOperationKind.MoveMoney)]
    [InlineData(VippsOperationKind.ManageWebhooks)]
    public void accounting_keys_are_refused_for_every_call_but_reports(VippsOperationKind kind)
    {
        var resolver = Resolver(false, o => o.MerchantKeySets["223344"] = "accounting");

        var e = Assert.Throws<VippsCredentialException>(() => resolver.Resolve(VippsTestHost.Denmark, kind));
        Assert.Contains("Report API only", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void report_calls_use_the_accounting_key_set_and_a_per_msn_one_where_configured()
    {
        var resolver = Resolver(false, o =>
        {
            o.AccountingKeySet = "accounting";
            o.KeySets["accounting-dk"] = KeySet(VippsKeyType.Accounting, VippsEnvironment.Production);
            o.AccountingKeySetsByMsn["223344"] = "accounting-dk";
        });

        Assert.Equal("accounting", resolver.Resolve(VippsTestHost.Norway, VippsOperationKind.Report).Name);
        Assert.Equal("accounting-dk", resolver.Resolve(VippsTestHost.Denmark, VippsOperationKind.Report).Name);
    }

    [Theory]
    [InlineData("partner")]
    [InlineData("merchant-123456")]
    [InlineData("management")]
    public void only_accounting_keys_may_read_reports(string keySet)
    {
        var resolver = Resolver(false, o => o.AccountingKeySet = keySet);

        var e = Assert.Throws<VippsCredentialException>(() => resolver.Resolve(VippsTestHost.Norway, VippsOperationKind.Report));
        Assert.Contains("only accounting keys are used for the Report API", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void report_calls_without_an_accounting_key_set_or_in_test_are_clear_configuration_errors()
    {
        var none = Assert.Throws<VippsCredentialException>(() => Resolver(false).Resolve(VippsTestHost.Norway, VippsOperationKind.Report));
        var test = Assert.Throws<VippsCredentialException>(() => Resolver(true, o => o.AccountingKeySet = "accounting").Resolve(VippsTestHost.Norway, VippsOperationKind.Report));

        Assert.Contains("Vipps:AccountingKeySet", none.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist in the Vipps test environment", test.Message, StringComparison.Ordinal);
    }
}
