using System.Net;
using System.Text.Json.Nodes;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Faults;

public sealed class RateLimitTests : SimulatorTest
{
    protected override SimulatorOptions Options => new() { RateLimitsEnabled = true };

    [Fact]
    public async Task a_sixth_capture_of_one_reference_within_a_minute_gets_429_with_retry_after()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);
        for (var i = 0; i < 5; i++)
        {
            using var ok = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(100), Payments.NewKey());
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(100), Payments.NewKey());

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task the_limit_counts_per_reference_so_another_payment_is_not_limited()
    {
        using var caller = VippsCaller.Partner(Host);
        var first = await Payments.CreateAuthorizedAsync(Host, caller, 10000);
        var second = await Payments.CreateAuthorizedAsync(Host, caller, 10000);
        for (var i = 0; i < 5; i++)
        {
            using var ok = await caller.PostAsync($"epayment/v1/payments/{first}/capture", Payments.Modification(100), Payments.NewKey());
        }

        using var other = await caller.PostAsync($"epayment/v1/payments/{second}/capture", Payments.Modification(100), Payments.NewKey());

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task creates_without_a_reference_field_share_one_bucket()
    {
        using var caller = VippsCaller.Partner(Host);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var body = Payments.CreateBody(Payments.NewReference());
            body["Reference"] = body["reference"]!.DeepClone();
            body.Remove("reference");
            using var response = await caller.PostAsync("epayment/v1/payments", body, Payments.NewKey());
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task the_window_frees_up_after_a_minute_of_simulated_time()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);
        for (var i = 0; i < 5; i++)
        {
            using var ok = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(100), Payments.NewKey());
        }

        await Host.Admin.AdvanceClockAsync(TimeSpan.FromSeconds(61));
        using var after = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(100), Payments.NewKey());

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task rate_limits_can_be_switched_off_at_runtime()
    {
        await Host.Admin.UpdateSettingsAsync(new SimulatorSettingsUpdate { RateLimitsEnabled = false });
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);

        for (var i = 0; i < 7; i++)
        {
            using var response = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(100), Payments.NewKey());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task recurring_charge_creation_is_limited_to_two_per_minute_per_agreement_and_order_id()
    {
        using var caller = VippsCaller.Partner(Host);
        var agreementId = await Agreements.ActiveAsync(Host, caller);
        var body = await Agreements.ChargeBody(Host, orderId: "limit-" + Guid.NewGuid().ToString("N")[..10]);

        using var first = await caller.PostAsync($"recurring/v3/agreements/{agreementId}/charges", body, Payments.NewKey());
        using var second = await caller.PostAsync($"recurring/v3/agreements/{agreementId}/charges", body.DeepClone(), Payments.NewKey());
        using var third = await caller.PostAsync($"recurring/v3/agreements/{agreementId}/charges", (JsonObject)body.DeepClone(), Payments.NewKey());

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
    }
}
