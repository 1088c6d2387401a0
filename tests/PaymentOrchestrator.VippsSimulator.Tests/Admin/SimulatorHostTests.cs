using System.Net;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Admin;

public sealed class SimulatorHostTests : SimulatorTest
{
    [Fact]
    public void base_address_is_loopback_http_with_a_trailing_slash()
    {
        Assert.Equal("http", Host.BaseAddress.Scheme);
        Assert.Equal("127.0.0.1", Host.BaseAddress.Host);
        Assert.EndsWith("/", Host.BaseAddress.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task two_hosts_run_side_by_side_with_separate_state()
    {
        await using var other = await SimulatorHost.StartAsync();
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAsync(caller);
        using var otherCaller = VippsCaller.Partner(other);

        using var response = await otherCaller.GetAsync($"epayment/v1/payments/{reference}");

        Assert.NotEqual(Host.BaseAddress, other.BaseAddress);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task the_clock_advances_by_the_requested_amount()
    {
        var before = await Host.Admin.GetTimeAsync();

        var after = await Host.Admin.AdvanceClockAsync(TimeSpan.FromHours(2));

        Assert.InRange(after - before, TimeSpan.FromHours(2), TimeSpan.FromHours(2) + TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task a_new_sales_unit_and_merchant_key_set_can_be_added_at_runtime()
    {
        await Host.Admin.AddSalesUnitAsync(new SalesUnitDefinition { Msn = "445566", Country = "FI" });
        await Host.Admin.AddKeySetAsync(new KeySetDefinition
        {
            Type = KeySetType.Merchant,
            ClientId = "new-client",
            ClientSecret = "new-secret",
            PrimarySubscriptionKey = "new-sub",
            Msn = "445566",
        });
        using var caller = new VippsCaller(Host, "new-client", "new-secret", "new-sub", "445566");

        var reference = await Payments.CreateAsync(caller, 500, "EUR");

        Assert.Equal("EUR", (await Payments.GetAsync(caller, reference))["amount"]!["currency"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_sales_unit_linked_to_the_partner_at_runtime_is_usable_with_partner_keys()
    {
        await Host.Admin.AddSalesUnitAsync(new SalesUnitDefinition { Msn = "556677", Country = "NO", LinkedPartnerClientIds = [SimulatorDefaults.PartnerClientId] });
        using var caller = VippsCaller.Partner(Host, "556677");

        var reference = await Payments.CreateAsync(caller);

        Assert.NotNull(reference);
    }

    [Fact]
    public async Task switching_to_test_mode_at_runtime_refuses_partner_tokens()
    {
        await Host.Admin.UpdateSettingsAsync(new SimulatorSettingsUpdate { Mode = SimulatorMode.Test });
        using var caller = VippsCaller.Partner(Host);

        using var response = await caller.RequestTokenAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
