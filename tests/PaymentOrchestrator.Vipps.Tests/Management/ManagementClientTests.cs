using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Epayment;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Http;
using PaymentOrchestrator.Vipps.Management;
using PaymentOrchestrator.Vipps.Tests.Support;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Vipps.Tests.Management;

/// <summary>The Management API client against the simulator over real HTTP.</summary>
public sealed class ManagementClientTests
{
    private static readonly BusinessIdentifier NorwayMerchant = BusinessIdentifier.NorwegianOrganization(SimulatorDefaults.NorwayOrganizationNumber);

    private static SimulatorOptions Options() => new() { RateLimitsEnabled = false };

    private static Task<VippsTestHost> WithManagementKeysAsync() =>
        VippsTestHost.StartAsync(simulatorOptions: Options(), configure: s => s["Vipps:ManagementKeySet"] = "management");

    private static IEnumerable<RecordedRequest> ManagementRequests(VippsTestHost host) =>
        host.Recorder.Requests.Where(r => r.Path.StartsWith("/management/", StringComparison.Ordinal));

    private static ProductOrderRequest Order(string name = "ACME Fitness") => new()
    {
        BusinessIdentifier = BusinessIdentifier.NorwegianOrganization("987654321"),
        ProductType = ProductType.VippsPaNett,
        SalesUnitName = name,
        ProductUseCase = ProductUseCase.Website,
        AnnualTurnover = 100_000,
        IntendedPurpose = "Gym memberships sold on the website.",
        Website = new ProductOrderWebsite(new Uri("https://example.com"), new Uri("https://example.com/terms")),
    };

    [Fact]
    public async Task a_sales_unit_read_logs_its_msn_once_and_a_partner_wide_list_says_so()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: Options());
        var client = host.Get<VippsManagementClient>();

        Assert.IsType<SalesUnitFound>(await client.GetSalesUnitAsync(VippsTestHost.Norway));
        await client.ListSalesUnitsAsync();

        var read = Assert.Single(host.Logs.Entries, e => e.EventId.Id == 4101 && e.Message.Contains("sales-units.get", StringComparison.Ordinal));
        Assert.Equal($"Vipps management.sales-units.get for MSN {VippsTestHost.Norway.Value} : 200 in {read.Values["ElapsedMs"]} ms", read.Message);
        var list = Assert.Single(host.Logs.Entries, e => e.EventId.Id == 4101 && e.Message.Contains("sales-units.list", StringComparison.Ordinal));
        Assert.Equal($"Vipps management.sales-units.list for MSN (partner-wide) : 200 in {list.Values["ElapsedMs"]} ms", list.Message);
    }

    [Fact]
    public async Task partner_keys_list_every_linked_unit_partner_wide_without_an_msn_header()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: Options());

        var units = await host.Get<VippsManagementClient>().ListSalesUnitsAsync();

        Assert.Equal(SimulatorDefaults.PartnerMsns.Order(StringComparer.Ordinal), units.Select(u => u.Msn));
        Assert.Equal("Simulated direct capture", units.Single(u => u.Msn == SimulatorDefaults.DirectCaptureMsn).Name);
        var request = Assert.Single(ManagementRequests(host));
        Assert.Equal("/management/v1/sales-units", request.Path);
        Assert.Null(request.Header("Merchant-Serial-Number"));
        Assert.Equal(SimulatorDefaults.PartnerSubscriptionKey, request.Header("Ocp-Apim-Subscription-Key"));
        Assert.Equal("paymentorchestrator", request.Header("Vipps-System-Name"));
        Assert.Equal("1.0.0", request.Header("Vipps-System-Version"));
        Assert.Equal("po-vipps-client", request.Header("Vipps-System-Plugin-Name"));
        Assert.Equal("0.1.0", request.Header("Vipps-System-Plugin-Version"));
    }

    [Fact]
    public async Task the_management_key_set_is_used_for_management_calls_and_never_to_move_money()
    {
        await using var host = await WithManagementKeysAsync();

        var units = await host.Get<VippsManagementClient>().ListSalesUnitsAsync();
        await host.Epayment.CreatePaymentAsync(VippsTestHost.Norway, Payments.WebRedirect(Payments.NewReference()), Payments.NewKey("create"));

        Assert.Equal(SimulatorDefaults.PartnerMsns.Count, units.Count);
        Assert.Equal(SimulatorDefaults.ManagementSubscriptionKey, Assert.Single(ManagementRequests(host)).Header("Ocp-Apim-Subscription-Key"));
        var create = Assert.Single(host.Recorder.Requests, r => r.Path.StartsWith("/epayment/", StringComparison.Ordinal));
        Assert.Equal(SimulatorDefaults.PartnerSubscriptionKey, create.Header("Ocp-Apim-Subscription-Key"));
    }

    [Fact]
    public async Task management_keys_mapped_to_an_msn_by_hand_still_cannot_move_money()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: Options(), configure: s => s["Vipps:MerchantKeySets:123456"] = "management");

        var found = Assert.IsType<SalesUnitFound>(await host.Get<VippsManagementClient>().GetSalesUnitAsync(VippsTestHost.Norway));
        var refused = await Assert.ThrowsAsync<VippsCredentialException>(() =>
            host.Epayment.CapturePaymentAsync(VippsTestHost.Norway, Payments.NewReference(), new Amount(Currency.Nok, 100), Payments.NewKey("capture")));

        Assert.Equal(SimulatorDefaults.NorwayMsn, found.SalesUnit.Msn);
        Assert.Contains("never move money", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Recorder.Requests, r => r.Path.StartsWith("/epayment/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task one_unit_reads_its_business_identifier_and_capabilities_naming_it_in_the_msn_header()
    {
        await using var host = await WithManagementKeysAsync();
        var client = host.Get<VippsManagementClient>();

        var direct = Assert.IsType<SalesUnitFound>(await client.GetSalesUnitAsync(MerchantSerialNumber.Create(SimulatorDefaults.DirectCaptureMsn))).SalesUnit;
        var noRecurring = Assert.IsType<SalesUnitFound>(await client.GetSalesUnitAsync(MerchantSerialNumber.Create(SimulatorDefaults.NoRecurringMsn))).SalesUnit;

        Assert.Equal(NorwayMerchant, direct.BusinessIdentifier);
        Assert.Equal(CaptureType.DirectCapture, direct.Configuration.CaptureType);
        Assert.True(direct.Configuration.PaymentAllowed);
        Assert.True(direct.Configuration.RecurringAllowed);
        Assert.False(direct.Configuration.SkipLandingPageAllowed);
        Assert.Equal(CaptureType.ReserveCapture, noRecurring.Configuration.CaptureType);
        Assert.False(noRecurring.Configuration.RecurringAllowed);
        Assert.True(noRecurring.Configuration.SkipLandingPageAllowed);
        Assert.Equal(
            [SimulatorDefaults.DirectCaptureMsn, SimulatorDefaults.NoRecurringMsn],
            ManagementRequests(host).Select(r => r.Header("Merchant-Serial-Number")));
    }

    [Fact]
    public async Task an_unlinked_and_an_unknown_unit_are_unavailable_results_without_retries()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: Options());
        var client = host.Get<VippsManagementClient>();

        var unlinked = Assert.IsType<SalesUnitUnavailable>(await client.GetSalesUnitAsync(VippsTestHost.Unlinked));
        var unknown = Assert.IsType<SalesUnitUnavailable>(await client.GetSalesUnitAsync(MerchantSerialNumber.Create("654321")));

        // The MSN header names the unit too, and partner keys naming a unit not linked to them (or none at all) get 403.
        Assert.True(unlinked.NotLinked);
        Assert.Equal(403, unlinked.Status);
        Assert.True(unknown.NotLinked);
        Assert.Contains("654321", unknown.Reason, StringComparison.Ordinal);
        Assert.Equal(2, ManagementRequests(host).Count());
    }

    [Fact]
    public async Task a_merchants_linked_units_are_listed_by_business_identifier_and_an_unknown_merchant_has_none()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: Options());
        var client = host.Get<VippsManagementClient>();

        var units = await client.ListMerchantSalesUnitsAsync(NorwayMerchant);
        var none = await client.ListMerchantSalesUnitsAsync(BusinessIdentifier.NorwegianOrganization("111111111"));

        Assert.Equal([SimulatorDefaults.NorwayMsn, SimulatorDefaults.DirectCaptureMsn], units.Select(u => u.Msn));
        Assert.Empty(none);
    }

    [Fact]
    public async Task a_product_order_is_idempotent_and_a_changed_body_under_the_same_key_is_a_409()
    {
        await using var host = await WithManagementKeysAsync();
        var client = host.Get<VippsManagementClient>();
        var key = Payments.NewKey("order");

        var first = await client.CreateProductOrderAsync(Order(), key);
        var again = await client.CreateProductOrderAsync(Order(), key);
        var conflict = await Assert.ThrowsAsync<VippsApiException>(() => client.CreateProductOrderAsync(Order("Another name"), key));

        Assert.Equal(first, again);
        Assert.True(Guid.TryParse(first.PrefilledOrderId, out _));
        Assert.EndsWith("/vippspanett/" + first.PrefilledOrderId, first.PrefillUrl!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(409, conflict.Status);
        Assert.False(conflict.IsTransient);
        Assert.All(ManagementRequests(host), r => Assert.Equal(key.Value, r.Header("Idempotency-Key")));
    }

    [Fact]
    public async Task a_completed_order_shows_up_among_the_merchants_linked_units()
    {
        await using var host = await WithManagementKeysAsync();
        var client = host.Get<VippsManagementClient>();
        var order = await client.CreateProductOrderAsync(Order(), Payments.NewKey("order"));
        Assert.Empty(await client.ListMerchantSalesUnitsAsync(Order().BusinessIdentifier));

        var completed = await host.Admin.AdvanceProductOrderAsync(order.PrefilledOrderId!, ProductOrderStatus.Completed);

        var unit = Assert.Single(await client.ListMerchantSalesUnitsAsync(Order().BusinessIdentifier));
        Assert.Equal(completed.Msn, unit.Msn);
        Assert.Equal("ACME Fitness", unit.Name);
    }

    [Fact]
    public async Task a_problem_answer_becomes_an_exception_with_status_and_the_field()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: Options());
        var order = Order() with { BusinessIdentifier = new BusinessIdentifier("business:DK:CVR", "123456789") };

        var e = await Assert.ThrowsAsync<VippsApiException>(() => host.Get<VippsManagementClient>().CreateProductOrderAsync(order, Payments.NewKey("order")));

        Assert.Equal(400, e.Status);
        Assert.False(e.IsTransient);
        Assert.Contains("business:NO:ORG", e.Message, StringComparison.Ordinal);
        Assert.True(e.IsProblemResponse);
        Assert.Equal("businessIdentifier.scheme", Assert.Single(e.ExtraDetails).Name);
        Assert.Single(ManagementRequests(host));
    }

    [Theory]
    [InlineData("merchant-map")]
    [InlineData("management-key-set")]
    public async Task accounting_keys_are_refused_before_any_request(string how)
    {
        await using var host = await VippsTestHost.StartAsync(
            simulatorOptions: Options(),
            configure: s => s[how == "merchant-map" ? "Vipps:MerchantKeySets:123456" : "Vipps:ManagementKeySet"] = "accounting",
            // The validator refuses an accounting ManagementKeySet at start; without it the call must still be refused.
            configureServices: how == "merchant-map" ? null : s => s.RemoveAll<IValidateOptions<VippsClientOptions>>());
        var client = host.Get<VippsManagementClient>();

        var e = await Assert.ThrowsAsync<VippsCredentialException>(() => how == "merchant-map"
            ? client.GetSalesUnitAsync(VippsTestHost.Norway)
            : client.ListSalesUnitsAsync());

        Assert.Equal("accounting", e.KeySetName);
        Assert.Contains("accounting keys give access to the Report API only", e.Message, StringComparison.Ordinal);
        Assert.Contains("Vipps:ManagementKeySet", e.Message, StringComparison.Ordinal);
        Assert.Empty(host.Recorder.Requests);
        Assert.Equal(0, (await host.Admin.GetCountersAsync()).TokenRequests);
    }

    [Fact]
    public async Task a_capture_type_the_spec_does_not_list_is_read_as_unknown()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: Options());
        await host.Admin.AddSalesUnitAsync(new SalesUnitDefinition
        {
            Msn = "135791",
            Name = "Future capture",
            CaptureType = "SplitCapture",
            LinkedPartnerClientIds = [SimulatorDefaults.PartnerClientId],
        });

        var unit = Assert.IsType<SalesUnitFound>(await host.Get<VippsManagementClient>().GetSalesUnitAsync(MerchantSerialNumber.Create("135791"))).SalesUnit;

        Assert.Equal(CaptureType.Unknown, unit.Configuration.CaptureType);
    }

    [Fact]
    public void fields_and_values_the_spec_does_not_list_are_tolerated_and_missing_configuration_is_null()
    {
        var unit = JsonSerializer.Deserialize<SalesUnitDetails>(
            """{"msn":"123456","name":"N","logo":"x","businessIdentifier":{"scheme":"business:NO:ORG","id":"912345670","country":"NO"},"configuration":{"captureType":"Instant","newFlag":true}}""",
            VippsJson.Options)!;
        var bare = JsonSerializer.Deserialize<SalesUnitDetails>("""{"msn":"123456","name":"N"}""", VippsJson.Options)!;

        Assert.Equal(CaptureType.Unknown, unit.Configuration.CaptureType);
        Assert.Null(unit.Configuration.PaymentAllowed);
        Assert.Equal("912345670", unit.BusinessIdentifier!.Id);
        Assert.Null(bare.BusinessIdentifier);
        Assert.Null(bare.Configuration.CaptureType);
    }

    [Fact]
    public async Task an_order_the_spec_would_refuse_is_refused_before_any_request()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: Options());
        var client = host.Get<VippsManagementClient>();

        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateProductOrderAsync(Order(new string('x', 31)), Payments.NewKey("order")));
        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateProductOrderAsync(Order() with { ProductType = ProductType.Unknown }, Payments.NewKey("order")));
        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateProductOrderAsync(Order() with { Website = new ProductOrderWebsite(new Uri("http://example.com"), new Uri("https://example.com/terms")) }, Payments.NewKey("order")));
        Assert.Throws<ArgumentException>(() => BusinessIdentifier.NorwegianOrganization("12345678"));

        Assert.Empty(host.Recorder.Requests);
    }
}
