using System.Net;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Epayment;

/// <summary>A DirectCapture sales unit (135790): the whole amount is captured when the customer authorizes.</summary>
public sealed class DirectCaptureTests : SimulatorTest
{
    [Fact]
    public async Task a_direct_capture_units_payment_is_captured_in_full_when_the_customer_approves_and_stays_authorized()
    {
        using var caller = VippsCaller.Partner(Host, SimulatorDefaults.DirectCaptureMsn);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);

        var payment = await Payments.GetAsync(caller, reference);
        using var events = await caller.GetAsync($"epayment/v1/payments/{reference}/events");
        var names = (await events.ReadAsync()).AsArray().Select(e => e!["name"]!.GetValue<string>()).ToArray();

        Assert.Equal("AUTHORIZED", payment["state"]!.GetValue<string>());
        Assert.Equal(10000, payment["aggregate"]!["authorizedAmount"]!["value"]!.GetValue<long>());
        Assert.Equal(10000, payment["aggregate"]!["capturedAmount"]!["value"]!.GetValue<long>());
        Assert.Equal(["CREATED", "AUTHORIZED", "CAPTURED"], names);
    }

    [Fact]
    public async Task a_direct_capture_units_payment_has_nothing_left_to_capture_and_refunds_up_to_what_was_captured()
    {
        using var caller = VippsCaller.Partner(Host, SimulatorDefaults.DirectCaptureMsn);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);

        using var capture = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(100), Payments.NewKey());
        using var refund = await caller.PostAsync($"epayment/v1/payments/{reference}/refund", Payments.Modification(10000), Payments.NewKey());
        using var tooMuch = await caller.PostAsync($"epayment/v1/payments/{reference}/refund", Payments.Modification(1), Payments.NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, capture.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
    }

    [Fact]
    public async Task a_reserve_capture_units_payment_is_not_captured_when_the_customer_approves()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);

        var payment = await Payments.GetAsync(caller, reference);

        Assert.Equal(0, payment["aggregate"]!["capturedAmount"]!["value"]!.GetValue<long>());
    }
}
