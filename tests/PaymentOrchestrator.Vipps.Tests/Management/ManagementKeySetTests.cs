using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Tests.Credentials;
using PaymentOrchestrator.Vipps.Tests.Support;

namespace PaymentOrchestrator.Vipps.Tests.Management;

/// <summary><c>Vipps:ManagementKeySet</c>: checked at start, chosen for Management API calls only.</summary>
public class ManagementKeySetTests
{
    private static IReadOnlyList<string> Validate(bool test, string managementKeySet) =>
        VippsClientOptionsValidatorTests.Validate(test, s => s["Vipps:ManagementKeySet"] = managementKeySet);

    private static VippsCredentialResolver Resolver(string? managementKeySet)
    {
        var options = new VippsClientOptions { PartnerKeySet = "partner", ManagementKeySet = managementKeySet };
        foreach (var (name, type) in new[] { ("partner", VippsKeyType.Partner), ("management", VippsKeyType.Management) })
        {
            options.KeySets[name] = new VippsKeySetOptions { Type = type, ClientId = "id", ClientSecret = "secret", SubscriptionKey = "sub" };
        }

        return new VippsCredentialResolver(options, "Vipps");
    }

    [Theory]
    [InlineData(false, "management")]
    [InlineData(true, "management")]
    [InlineData(false, "partner")]
    public void management_or_partner_keys_of_the_environment_are_valid(bool test, string keySet) =>
        Assert.Empty(Validate(test, keySet));

    [Theory]
    [InlineData("accounting", "whose Type is Accounting")]
    [InlineData("merchant-123456", "whose Type is Merchant")]
    [InlineData("missing", "there is no Vipps:KeySets:missing")]
    public void other_keys_are_refused_at_start_naming_the_setting(string keySet, string why)
    {
        var error = Assert.Single(Validate(false, keySet));

        Assert.Contains("Vipps:ManagementKeySet", error, StringComparison.Ordinal);
        Assert.Contains(why, error, StringComparison.Ordinal);
    }

    [Fact]
    public void the_management_key_set_serves_management_calls_and_nothing_else()
    {
        var resolver = Resolver("management");

        Assert.Equal("management", resolver.Resolve(null, VippsOperationKind.ManageSalesUnits).Name);
        Assert.Equal("management", resolver.Resolve(VippsTestHost.Norway, VippsOperationKind.ManageSalesUnits).Name);
        Assert.Equal("partner", resolver.Resolve(VippsTestHost.Norway, VippsOperationKind.MoveMoney).Name);
        Assert.Equal("partner", resolver.Resolve(VippsTestHost.Norway, VippsOperationKind.Read).Name);
        Assert.Equal("partner", resolver.Resolve(null, VippsOperationKind.ManageWebhooks).Name);
    }

    [Fact]
    public void without_a_management_key_set_the_partner_keys_serve_management_calls() =>
        Assert.Equal("partner", Resolver(null).Resolve(null, VippsOperationKind.ManageSalesUnits).Name);
}
