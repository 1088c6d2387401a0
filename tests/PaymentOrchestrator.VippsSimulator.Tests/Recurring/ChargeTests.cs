using System.Net;
using System.Text.Json.Nodes;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Recurring;

public sealed class ChargeTests : SimulatorTest
{
    // These tests move the clock by days; a long token lifetime keeps one token valid throughout.
    protected override SimulatorOptions Options => new() { RateLimitsEnabled = false, TokenLifetime = TimeSpan.FromDays(30) };

    [Fact]
    public async Task a_new_charge_is_due_with_a_create_event_in_its_history()
    {
        using var caller = VippsCaller.Partner(Host);
        var agreementId = await Agreements.ActiveAsync(Host, caller);

        var chargeId = await Agreements.CreateChargeAsync(Host, caller, agreementId);

        var charge = await Agreements.GetChargeAsync(caller, agreementId, chargeId);
        Assert.Equal("DUE", charge["status"]!.GetValue<string>());
        Assert.Equal("RECURRING", charge["type"]!.GetValue<string>());
        Assert.Equal("CREATE", charge["history"]![0]!["event"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_direct_capture_charge_is_charged_on_its_due_date()
    {
        using var caller = VippsCaller.Partner(Host);
        var agreementId = await Agreements.ActiveAsync(Host, caller);
        var chargeId = await Agreements.CreateChargeAsync(Host, caller, agreementId);

        await Host.Admin.AdvanceClockAsync(TimeSpan.FromDays(2));

        var charge = await Agreements.GetChargeAsync(caller, agreementId, chargeId);
        Assert.Equal("CHARGED", charge["status"]!.GetValue<string>());
        Assert.Equal(29900, charge["summary"]!["captured"]!.GetValue<long>());
    }

    [Fact]
    public async Task a_charge_is_not_processed_before_its_due_date()
    {
        using var caller = VippsCaller.Partner(Host);
        var agreementId = await Agreements.ActiveAsync(Host, caller);
        var chargeId = await Agreements.CreateChargeAsync(Host, caller, agreementId, await Agreements.ChargeBody(Host, dueInDays: 5));

        await Host.Admin.AdvanceClockAsync(TimeSpan.FromDays(3));

        Assert.Equal("DUE", (await Agreements.GetChargeAsync(caller, agreementId, chargeId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_reserve_capture_charge_is_reserved_then_captured_on_request()
    {
        using var caller = VippsCaller.Partner(Host);
        var agreementId = await Agreements.ActiveAsync(Host, caller);
        var chargeId = await Agreements.CreateChargeAsync(Host, caller, agreementId, await Agreements.ChargeBody(Host, transactionType: "RESERVE_CAPTURE"));
        await Host.Admin.AdvanceClockAsync(TimeSpan.FromDays(2));
        Assert.Equal("RESERVED", (await Agreements.GetChargeAsync(caller, agreementId, chargeId))["status"]!.GetValue<string>());

        using var response = await caller.PostAsync($"recurring/v3/agreements/{agreementId}/charges/{chargeId}/capture",
            new JsonObject { ["amount"] = 29900, ["description"] = "Shipped" }, Payments.NewKey());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("CHARGED", (await Agreements.GetChargeAsync(caller, agreementId, chargeId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_partial_capture_leaves_the_charge_partially_captured()
    {
        using var caller = VippsCaller.Partner(Host);
        var agreementId = await Agreements.ActiveAsync(Host, caller);
        var chargeId = await Agreements.CreateChargeAsync(Host, caller, agreementId, await Agreements.ChargeBody(Host, transactionType: "RESERVE_CAPTURE"));
        await Host.Admin.AdvanceClockAsync(TimeSpan.FromDays(2));

        using var response = await caller.PostAsync($"recurring/v3/agreements/{agreementId}/charges/{chargeId}/capture",
            new JsonObject { ["amount"] = 10000, ["description"] = "Part one" }, Payments.NewKey());

        Assert.Equal("PARTIALLY_CAPTURED", (await Agreements.GetChargeAsync(caller, agreementId, chargeId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task refunding_part_of_a_charged_charge_makes_it_partially_refunded()
    {
        using var caller = VippsCaller.Partner(Host);
        var agreementId = await Agreements.ActiveAsync(Host, caller);
        var chargeId = await Agreements.CreateChargeAsync(Host, caller, agreementId);
        await Host.Admin.AdvanceClockAsync(TimeSpan.FromDays(2));

        using var response = await caller.PostAsync($"recurring/v3/agreements/{agreementId}/charges/{chargeId}/refund",
            new JsonObject { ["amount"] = 9900, ["description"] = "Goodwill" }, Payments.NewKey());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var charge = await Agreements.GetChargeAsync(caller, agreementId, chargeId);
        Assert.Equal("PARTIALLY_REFUNDED", charge["status"]!.GetValue<string>());
        Assert.Equal(9900, charge["summary"]!["refunded"]!.GetValue<long>());
    }

    [Fact]
    public async Task refunding_more_than_was_captured_is_refused()
    {
        using var caller = VippsCaller.Partner(Host);
        var agreementId = await Agreements.ActiveAsync(Host, caller);
        var chargeId = await Agreements.CreateChargeAsync(Host, caller, agreementId);
        await Host.Admin.AdvanceClockAsync(TimeSpan.FromDays(2));

        using var response = await caller.PostAsync($"recurring/v3/agreements/{agreementId}/charges/{chargeId}/refund",
            new JsonObject { ["amount"] = 30000, ["description"] = "Too much" }, Payments.NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task cancelling_a_due_charge_cancels_it()
    {
        using var caller = VippsCaller.Partner(Host);
        var agreementId = await Agreements.ActiveAsync(Host, caller);
        var chargeId = await Agreements.CreateChargeAsync(Host, caller, agreementId);

        using var response = await caller.SendAsync(HttpMethod.Delete, $"recurring/v3/agreements/{agreementId}/charges/{chargeId}", idempotencyKey: Payments.NewKey());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var charge = await Agreements.GetChargeAsync(caller, agreementId, chargeId);
        Assert.Equal("CANCELLED", charge["status"]!.GetValue<string>());
        Assert.Equal(29900, charge["summary"]!["cancelled"]!.GetValue<long>());
    }

    [Fact]
    public async Task a_due_date_today_is_refused()
    {
        using var caller = VippsCaller.Partner(Host);
        var agreementId = await Agreements.ActiveAsync(Host, caller);

        using var response = await caller.PostAsync($"recurring/v3/agreements/{agreementId}/charges", await Agreements.ChargeBody(Host, dueInDays: 0), Payments.NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task an_amount_below_100_is_refused()
    {
        using var caller = VippsCaller.Partner(Host);
        var agreementId = await Agreements.ActiveAsync(Host, caller);

        using var response = await caller.PostAsync($"recurring/v3/agreements/{agreementId}/charges", await Agreements.ChargeBody(Host, amount: 99), Payments.NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task a_charge_on_a_pending_agreement_is_refused()
    {
        using var caller = VippsCaller.Partner(Host);
        var agreementId = (await Agreements.DraftAsync(caller))["agreementId"]!.GetValue<string>();

        using var response = await caller.PostAsync($"recurring/v3/agreements/{agreementId}/charges", await Agreements.ChargeBody(Host), Payments.NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task order_id_becomes_the_charge_id_and_must_be_unique()
    {
        using var caller = VippsCaller.Partner(Host);
        var agreementId = await Agreements.ActiveAsync(Host, caller);
        var orderId = "order-" + Guid.NewGuid().ToString("N")[..12];

        var chargeId = await Agreements.CreateChargeAsync(Host, caller, agreementId, await Agreements.ChargeBody(Host, orderId: orderId));
        using var again = await caller.PostAsync($"recurring/v3/agreements/{agreementId}/charges", await Agreements.ChargeBody(Host, orderId: orderId), Payments.NewKey());

        Assert.Equal(orderId, chargeId);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task a_charge_can_be_fetched_by_charge_id_alone()
    {
        using var caller = VippsCaller.Partner(Host);
        var agreementId = await Agreements.ActiveAsync(Host, caller);
        var chargeId = await Agreements.CreateChargeAsync(Host, caller, agreementId);

        using var response = await caller.GetAsync($"recurring/v3/charges/{chargeId}");

        Assert.Equal(agreementId, (await response.ReadAsync())["agreementId"]!.GetValue<string>());
    }

    [Fact]
    public async Task list_charges_filters_by_status()
    {
        using var caller = VippsCaller.Partner(Host);
        var agreementId = await Agreements.ActiveAsync(Host, caller);
        var due = await Agreements.CreateChargeAsync(Host, caller, agreementId);
        var cancelled = await Agreements.CreateChargeAsync(Host, caller, agreementId);
        using var cancel = await caller.SendAsync(HttpMethod.Delete, $"recurring/v3/agreements/{agreementId}/charges/{cancelled}", idempotencyKey: Payments.NewKey());

        using var response = await caller.GetAsync($"recurring/v3/agreements/{agreementId}/charges?status=DUE");

        Assert.Equal([due], (await response.ReadAsync()).AsArray().Select(c => c!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task a_configured_failure_is_retried_daily_and_then_fails_with_the_reason()
    {
        using var caller = VippsCaller.Partner(Host);
        var agreementId = await Agreements.ActiveAsync(Host, caller);
        var chargeId = await Agreements.CreateChargeAsync(Host, caller, agreementId, await Agreements.ChargeBody(Host, retryDays: 2));
        await Host.Admin.SetChargeOutcomeAsync(caller.Msn!, chargeId, "user_action_required");

        await Host.Admin.AdvanceClockAsync(TimeSpan.FromDays(3));
        Assert.Equal("DUE", (await Agreements.GetChargeAsync(caller, agreementId, chargeId))["status"]!.GetValue<string>());
        await Host.Admin.AdvanceClockAsync(TimeSpan.FromDays(1));

        var charge = await Agreements.GetChargeAsync(caller, agreementId, chargeId);
        Assert.Equal("FAILED", charge["status"]!.GetValue<string>());
        Assert.Equal("user_action_required", charge["failureReason"]!.GetValue<string>());
        Assert.Equal(3, charge["history"]!.AsArray().Count(e => e!["event"]!.GetValue<string>() == "FAIL"));
    }

    [Fact]
    public async Task a_charge_that_fails_once_succeeds_on_the_retry_day()
    {
        using var caller = VippsCaller.Partner(Host);
        var agreementId = await Agreements.ActiveAsync(Host, caller);
        var chargeId = await Agreements.CreateChargeAsync(Host, caller, agreementId, await Agreements.ChargeBody(Host, retryDays: 3));
        await Host.Admin.SetChargeOutcomeAsync(caller.Msn!, chargeId, "non_technical_error", failAttempts: 1);

        await Host.Admin.AdvanceClockAsync(TimeSpan.FromDays(4));

        Assert.Equal("CHARGED", (await Agreements.GetChargeAsync(caller, agreementId, chargeId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task stopping_an_agreement_cancels_its_due_charges()
    {
        using var caller = VippsCaller.Partner(Host);
        var agreementId = await Agreements.ActiveAsync(Host, caller);
        var chargeId = await Agreements.CreateChargeAsync(Host, caller, agreementId);

        using var stop = await caller.SendAsync(HttpMethod.Patch, $"recurring/v3/agreements/{agreementId}", new JsonObject { ["status"] = "STOPPED" }, Payments.NewKey());

        Assert.Equal("CANCELLED", (await Agreements.GetChargeAsync(caller, agreementId, chargeId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task an_initial_direct_capture_charge_is_charged_when_the_customer_accepts()
    {
        using var caller = VippsCaller.Partner(Host);
        var body = Agreements.DraftBody(initialCharge: new JsonObject { ["amount"] = 4900, ["description"] = "First month", ["transactionType"] = "DIRECT_CAPTURE" });
        var draft = await Agreements.DraftAsync(caller, body);
        var agreementId = draft["agreementId"]!.GetValue<string>();
        var chargeId = draft["chargeId"]!.GetValue<string>();

        await Host.Admin.AcceptAgreementAsync(caller.Msn!, agreementId);

        var charge = await Agreements.GetChargeAsync(caller, agreementId, chargeId);
        Assert.Equal("CHARGED", charge["status"]!.GetValue<string>());
        Assert.Equal("INITIAL", charge["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task recurring_captures_are_counted_per_charge()
    {
        using var caller = VippsCaller.Partner(Host);
        var agreementId = await Agreements.ActiveAsync(Host, caller);
        var chargeId = await Agreements.CreateChargeAsync(Host, caller, agreementId, await Agreements.ChargeBody(Host, transactionType: "RESERVE_CAPTURE"));
        await Host.Admin.AdvanceClockAsync(TimeSpan.FromDays(2));
        var key = Payments.NewKey();
        var captureBody = new JsonObject { ["amount"] = 29900, ["description"] = "Shipped" };

        using var first = await caller.PostAsync($"recurring/v3/agreements/{agreementId}/charges/{chargeId}/capture", captureBody, key);
        using var replay = await caller.PostAsync($"recurring/v3/agreements/{agreementId}/charges/{chargeId}/capture", captureBody.DeepClone(), key);

        Assert.Equal(HttpStatusCode.NoContent, replay.StatusCode);
        Assert.Equal(1, (await Host.Admin.GetCountersAsync()).Captures[$"{caller.Msn}/{agreementId}/{chargeId}"]);
    }
}
