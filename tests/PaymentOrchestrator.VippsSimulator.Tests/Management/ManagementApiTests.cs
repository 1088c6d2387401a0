using System.Net;
using System.Text.Json.Nodes;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Management;

/// <summary>The simulator's Management API: who sees which sales unit, each unit's configuration, product orders.</summary>
public sealed class ManagementApiTests : SimulatorTest
{
    private static string[] Msns(JsonNode list) => [.. list.AsArray().Select(u => u!["msn"]!.GetValue<string>())];

    [Fact]
    public async Task partner_and_management_keys_list_every_unit_linked_to_the_partner_and_no_other()
    {
        using var partner = VippsCaller.Partner(Host, msn: null);
        using var management = VippsCaller.Management(Host);
        management.Msn = null;

        foreach (var caller in new[] { partner, management })
        {
            using var response = await caller.GetAsync("management/v1/sales-units");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(SimulatorDefaults.PartnerMsns.Order(StringComparer.Ordinal), Msns(await response.ReadAsync()));
        }
    }

    [Fact]
    public async Task a_merchants_own_keys_see_only_its_own_unit()
    {
        using var merchant = VippsCaller.Merchant(Host, SimulatorDefaults.DenmarkMsn);
        merchant.Msn = null;

        using var response = await merchant.GetAsync("management/v1/sales-units");

        Assert.Equal([SimulatorDefaults.DenmarkMsn], Msns(await response.ReadAsync()));
    }

    [Fact]
    public async Task one_unit_shows_its_business_identifier_and_configuration()
    {
        using var partner = VippsCaller.Partner(Host, msn: null);

        var direct = await (await partner.GetAsync("management/v1/sales-units/" + SimulatorDefaults.DirectCaptureMsn)).ReadAsync();
        var noRecurring = await (await partner.GetAsync("management/v1/sales-units/" + SimulatorDefaults.NoRecurringMsn)).ReadAsync();

        Assert.Equal("Simulated direct capture", direct["name"]!.GetValue<string>());
        Assert.Equal("business:NO:ORG", direct["businessIdentifier"]!["scheme"]!.GetValue<string>());
        Assert.Equal(SimulatorDefaults.NorwayOrganizationNumber, direct["businessIdentifier"]!["id"]!.GetValue<string>());
        Assert.Equal("DirectCapture", direct["configuration"]!["captureType"]!.GetValue<string>());
        Assert.True(direct["configuration"]!["paymentAllowed"]!.GetValue<bool>());
        Assert.True(direct["configuration"]!["recurringAllowed"]!.GetValue<bool>());
        Assert.False(noRecurring["configuration"]!["recurringAllowed"]!.GetValue<bool>());
        Assert.True(noRecurring["configuration"]!["skipLandingPageAllowed"]!.GetValue<bool>());
        Assert.Equal("ReserveCapture", noRecurring["configuration"]!["captureType"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(SimulatorDefaults.NorwayMsn, "business:NO:ORG")]
    [InlineData(SimulatorDefaults.DenmarkMsn, "business:DK:CVR")]
    [InlineData(SimulatorDefaults.FinlandMsn, "business:FI:Y-tunnus")]
    public async Task a_units_business_identifier_names_its_country_and_finds_its_merchant(string msn, string scheme)
    {
        using var partner = VippsCaller.Partner(Host, msn: null);

        var unit = await (await partner.GetAsync("management/v1/sales-units/" + msn)).ReadAsync();
        var id = unit["businessIdentifier"]!["id"]!.GetValue<string>();
        using var merchant = await partner.GetAsync($"management/v1/merchants/{scheme}/{id}/sales-units");

        Assert.Equal(scheme, unit["businessIdentifier"]!["scheme"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, merchant.StatusCode);
        Assert.Contains(msn, Msns(await merchant.ReadAsync()));
    }

    [Theory]
    [InlineData(SimulatorDefaults.UnlinkedMsn, HttpStatusCode.Forbidden)]
    [InlineData("654321", HttpStatusCode.NotFound)]
    [InlineData("12a", HttpStatusCode.BadRequest)]
    public async Task an_unlinked_an_unknown_and_a_malformed_msn_get_problems(string msn, HttpStatusCode status)
    {
        using var partner = VippsCaller.Partner(Host, msn: null);

        using var response = await partner.GetAsync("management/v1/sales-units/" + msn);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal((int)status, (await response.ReadAsync())["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task accounting_keys_are_refused()
    {
        using var accounting = VippsCaller.Accounting(Host);

        using var response = await accounting.GetAsync("management/v1/sales-units");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task a_merchants_units_are_those_linked_to_the_partner_and_an_unknown_merchant_is_404()
    {
        using var partner = VippsCaller.Partner(Host, msn: null);

        using var known = await partner.GetAsync($"management/v1/merchants/business:NO:ORG/{SimulatorDefaults.NorwayOrganizationNumber}/sales-units");
        using var unknown = await partner.GetAsync("management/v1/merchants/business:NO:ORG/111111111/sales-units");

        Assert.Equal([SimulatorDefaults.NorwayMsn, SimulatorDefaults.DirectCaptureMsn], Msns(await known.ReadAsync()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task the_same_key_and_body_give_the_same_order_and_another_body_a_conflict()
    {
        using var partner = VippsCaller.Partner(Host, msn: null);
        var key = Payments.NewKey();

        using var first = await partner.PostAsync(ProductOrders.Path, ProductOrders.Body(), key);
        using var again = await partner.PostAsync(ProductOrders.Path, ProductOrders.Body(), key);
        using var other = await partner.PostAsync(ProductOrders.Path, ProductOrders.Body(name: "Another name"), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Single(await Host.Admin.GetProductOrdersAsync());
    }

    [Theory]
    [InlineData("productType", "VIPPS_EVERYTHING", "productType")]
    [InlineData("salesUnitName", "A name much longer than thirty characters", "salesUnitName")]
    [InlineData("annualTurnover", "-1", "annualTurnover")]
    public async Task an_invalid_order_is_a_400_naming_the_field(string field, string value, string key)
    {
        using var partner = VippsCaller.Partner(Host, msn: null);
        var body = ProductOrders.Body();
        body[field] = long.TryParse(value, out var number) ? JsonValue.Create(number) : JsonValue.Create(value);

        using var response = await partner.PostAsync(ProductOrders.Path, body, Payments.NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(key, (await response.ReadAsync())["extraDetails"]![0]!["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task an_order_without_an_idempotency_key_is_a_400()
    {
        using var partner = VippsCaller.Partner(Host, msn: null);

        using var response = await partner.PostAsync(ProductOrders.Path, ProductOrders.Body());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task a_completed_order_creates_a_sales_unit_linked_to_the_partner()
    {
        using var management = VippsCaller.Management(Host);
        management.Msn = null;
        var id = await ProductOrders.CreateAsync(management, ProductOrders.Body("987654321", "ACME Fitness"));

        var processing = await Host.Admin.AdvanceProductOrderAsync(id);
        var completed = await Host.Admin.AdvanceProductOrderAsync(id, ProductOrderStatus.Completed);

        Assert.Equal(ProductOrderStatus.Processing, processing.Status);
        Assert.Null(processing.Msn);
        Assert.Equal(ProductOrderStatus.InOrder, completed.History.Select(s => s.Status));
        var msn = Assert.IsType<string>(completed.Msn);
        using var partner = VippsCaller.Partner(Host, msn: null);
        var unit = await (await partner.GetAsync("management/v1/sales-units/" + msn)).ReadAsync();
        Assert.Equal("ACME Fitness", unit["name"]!.GetValue<string>());
        Assert.False(unit["configuration"]!["recurringAllowed"]!.GetValue<bool>());
        Assert.Equal([msn], Msns(await (await partner.GetAsync("management/v1/merchants/business:NO:ORG/987654321/sales-units")).ReadAsync()));
        Assert.Contains(msn, Msns(await (await management.GetAsync("management/v1/sales-units")).ReadAsync()));
    }

    [Fact]
    public async Task an_order_only_moves_forward()
    {
        using var partner = VippsCaller.Partner(Host, msn: null);
        var id = await ProductOrders.CreateAsync(partner, ProductOrders.Body());
        await Host.Admin.AdvanceProductOrderAsync(id, ProductOrderStatus.WaitingForMerchant);

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => Host.Admin.AdvanceProductOrderAsync(id, ProductOrderStatus.Processing));

        Assert.Equal(HttpStatusCode.Conflict, e.StatusCode);
    }

    [Fact]
    public async Task product_orders_and_the_units_they_created_survive_a_restart()
    {
        var folder = Directory.CreateTempSubdirectory("po-sim-mgmt-").FullName;
        try
        {
            var file = Path.Combine(folder, "state.json");
            var key = Payments.NewKey();
            string id, msn, answer;
            await using (var first = await SimulatorHost.StartAsync(new SimulatorOptions { StateFile = file, RateLimitsEnabled = false }))
            {
                using var caller = VippsCaller.Partner(first, msn: null);
                using (var created = await caller.PostAsync(ProductOrders.Path, ProductOrders.Body(), key))
                {
                    answer = await created.Content.ReadAsStringAsync();
                    id = (await created.ReadAsync())["prefilledOrderId"]!.GetValue<string>();
                }

                msn = (await first.Admin.AdvanceProductOrderAsync(id, ProductOrderStatus.Completed)).Msn!;
                await first.Admin.AdvanceProductOrderAsync((await ProductOrders.CreateAsync(caller, ProductOrders.Body("123123123"))), ProductOrderStatus.Processing);
            }

            await using var second = await SimulatorHost.StartAsync(new SimulatorOptions { StateFile = file, RateLimitsEnabled = false });
            using var again = VippsCaller.Partner(second, msn: null);

            Assert.Contains(msn, Msns(await (await again.GetAsync("management/v1/sales-units")).ReadAsync()));
            using var replay = await again.PostAsync(ProductOrders.Path, ProductOrders.Body(), key);
            Assert.Equal(answer, await replay.Content.ReadAsStringAsync());
            var orders = await second.Admin.GetProductOrdersAsync();
            Assert.Equal([ProductOrderStatus.Completed, ProductOrderStatus.Processing], orders.Select(o => o.Status));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
