using System.Net;
using System.Text.Json.Nodes;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Epayment;

public sealed class ModificationTests : SimulatorTest
{
    [Fact]
    public async Task capture_moves_money_into_captured_and_the_state_stays_authorized()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);

        using var response = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(4000), Payments.NewKey());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadAsync();
        Assert.Equal("AUTHORIZED", body["state"]!.GetValue<string>());
        Assert.Equal(4000, body["aggregate"]!["capturedAmount"]!["value"]!.GetValue<long>());
    }

    [Fact]
    public async Task partial_captures_can_be_repeated_up_to_the_authorized_amount()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);

        using var first = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(6000), Payments.NewKey());
        using var second = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(4000), Payments.NewKey());

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(10000, (await Payments.GetAsync(caller, reference))["aggregate"]!["capturedAmount"]!["value"]!.GetValue<long>());
    }

    [Fact]
    public async Task capture_above_the_authorized_remainder_is_refused_with_error_code()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);
        using var first = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(6000), Payments.NewKey());

        using var response = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(4001), Payments.NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("6090", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task capture_before_the_customer_approves_is_refused_with_error_code_6080()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAsync(caller);

        using var response = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(100), Payments.NewKey());

        Assert.Equal("6080", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task capture_in_another_currency_is_refused()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller);

        using var response = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(100, "EUR"), Payments.NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task refund_up_to_the_captured_amount_is_applied()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);
        using var capture = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(10000), Payments.NewKey());

        using var response = await caller.PostAsync($"epayment/v1/payments/{reference}/refund", Payments.Modification(2500), Payments.NewKey());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2500, (await response.ReadAsync())["aggregate"]!["refundedAmount"]!["value"]!.GetValue<long>());
    }

    [Fact]
    public async Task refund_above_captured_minus_refunded_is_refused_with_error_code_6150()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);
        using var capture = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(5000), Payments.NewKey());
        using var refund = await caller.PostAsync($"epayment/v1/payments/{reference}/refund", Payments.Modification(3000), Payments.NewKey());

        using var response = await caller.PostAsync($"epayment/v1/payments/{reference}/refund", Payments.Modification(2001), Payments.NewKey());

        Assert.Equal("6150", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task refund_of_an_uncaptured_payment_is_refused()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller);

        using var response = await caller.PostAsync($"epayment/v1/payments/{reference}/refund", Payments.Modification(100), Payments.NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("6210", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task cancel_before_authorization_terminates_the_payment()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAsync(caller);

        using var response = await caller.PostAsync($"epayment/v1/payments/{reference}/cancel", null, Payments.NewKey());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("TERMINATED", (await Payments.GetAsync(caller, reference))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task cancel_after_partial_capture_releases_the_remainder_and_keeps_authorized()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);
        using var capture = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(3000), Payments.NewKey());

        using var response = await caller.PostAsync($"epayment/v1/payments/{reference}/cancel", null, Payments.NewKey());

        var body = await response.ReadAsync();
        Assert.Equal("AUTHORIZED", body["state"]!.GetValue<string>());
        Assert.Equal(7000, body["aggregate"]!["cancelledAmount"]!["value"]!.GetValue<long>());
    }

    [Fact]
    public async Task cancel_of_a_fully_captured_payment_is_refused_with_error_code_6040()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);
        using var capture = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(10000), Payments.NewKey());

        using var response = await caller.PostAsync($"epayment/v1/payments/{reference}/cancel", null, Payments.NewKey());

        Assert.Equal("6040", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task cancel_transaction_only_on_an_authorized_payment_is_refused_with_error_code_6060()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller);

        using var response = await caller.PostAsync($"epayment/v1/payments/{reference}/cancel", new JsonObject { ["cancelTransactionOnly"] = true }, Payments.NewKey());

        Assert.Equal("6060", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task capture_after_cancel_is_refused_with_error_code_6070()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller);
        using var cancel = await caller.PostAsync($"epayment/v1/payments/{reference}/cancel", null, Payments.NewKey());

        using var response = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(100), Payments.NewKey());

        Assert.Equal("6070", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task capture_without_idempotency_key_is_refused()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller);

        using var response = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(100));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task management_keys_cannot_capture()
    {
        using var partner = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, partner);
        using var management = VippsCaller.Management(Host);

        using var response = await management.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(100), Payments.NewKey());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task the_event_log_records_capture_refund_and_cancel_with_their_idempotency_keys()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);
        var captureKey = Payments.NewKey();
        using var capture = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(4000), captureKey);
        using var refund = await caller.PostAsync($"epayment/v1/payments/{reference}/refund", Payments.Modification(1000), Payments.NewKey());
        using var cancel = await caller.PostAsync($"epayment/v1/payments/{reference}/cancel", null, Payments.NewKey());

        using var response = await caller.GetAsync($"epayment/v1/payments/{reference}/events");
        var events = (await response.ReadAsync()).AsArray();

        Assert.Equal(["CREATED", "AUTHORIZED", "CAPTURED", "REFUNDED", "CANCELLED"], events.Select(e => e!["name"]!.GetValue<string>()));
        Assert.Equal(captureKey, events[2]!["idempotencyKey"]!.GetValue<string>());
        Assert.Equal(6000, events[4]!["amount"]!["value"]!.GetValue<long>());
    }
}
