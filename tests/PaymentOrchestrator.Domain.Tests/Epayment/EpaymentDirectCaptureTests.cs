using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Tests.Support;
using static PaymentOrchestrator.Domain.Tests.Support.Samples;

namespace PaymentOrchestrator.Domain.Tests.Epayment;

/// <summary>
/// A DirectCapture sales unit: Vipps captures the payment when the customer authorizes. The saga learns it from Vipps'
/// own answer (captured already on the first AUTHORIZED read) and, before that, from the unit's stored capabilities.
/// </summary>
public class EpaymentDirectCaptureTests
{
    /// <summary>Requested (at a DirectCapture unit or not), created, and read once: the customer has not acted yet.</summary>
    internal static SagaHarness<EpaymentState> AwaitingCustomer(bool unitCapturesDirectly)
    {
        var h = Harnesses.Epayment().Given(PaymentRequested() with { SalesUnitCapturesDirectly = unitCapturesDirectly });
        return h.GivenResult(c => new PaymentCreated(c.Key, "https://pay.vipps.no/abc")).After(TimeSpan.FromSeconds(5)).Given(new WakeUp());
    }

    private static SagaHarness<EpaymentState> CapturedAtAuthorization(bool unitCapturesDirectly = true) =>
        AwaitingCustomer(unitCapturesDirectly).GivenResult(c => new PaymentRead(c.Key, VippsPaymentState.Authorized, Aggregate(10_000, captured: 10_000)));

    [Fact]
    public void authorized_already_captured_publishes_authorized_then_captured_without_any_capture_command()
    {
        var h = AwaitingCustomer(unitCapturesDirectly: true);

        var decision = h.WhenResult(c => new PaymentRead(c.Key, VippsPaymentState.Authorized, Aggregate(10_000, captured: 10_000)));

        Assert.Equal([OutgoingEventTypes.PaymentAuthorized, OutgoingEventTypes.PaymentCaptured], decision.Outcomes.Select(o => o.Type));
        var captured = decision.Outcomes[1].Data;
        Assert.Equal("DirectCapture", captured.CaptureType);
        Assert.Null(captured.CaptureId);
        Assert.Equal(10_000, captured.Amount?.Value);
        Assert.DoesNotContain(decision.Commands, c => c is CapturePayment);
        Assert.Contains(decision.Events, e => e is PaymentCapturedDirectly { Amount.MinorUnits: 10_000 });
        Assert.True(h.State.CapturedDirectly);
        Assert.Equal(EpaymentStatus.Authorized, h.State.Status);
    }

    [Fact]
    public void vipps_answer_alone_is_enough_when_the_units_capabilities_were_unknown()
    {
        var h = CapturedAtAuthorization(unitCapturesDirectly: false);

        Assert.True(h.State.CapturedDirectly);
        Assert.Equal([OutgoingEventTypes.PaymentAuthorized, OutgoingEventTypes.PaymentCaptured], h.Decisions[^1].Outcomes.Select(o => o.Type));
    }

    [Fact]
    public void a_capture_request_for_a_payment_captured_at_authorization_is_refused_saying_vipps_captured_it()
    {
        var h = CapturedAtAuthorization();

        var decision = h.When(Capture("ship-1", 10_000));

        Assert.Equal(EpaymentDecider.CapturedDirectlyCode, decision.Rejection?.Code);
        Assert.Contains("captured directly by Vipps at authorization", decision.Rejection?.Reason, StringComparison.Ordinal);
        Assert.Empty(decision.Commands);
    }

    [Fact]
    public void a_capture_request_before_authorization_on_a_direct_capture_unit_is_refused_saying_the_unit_captures_directly()
    {
        var h = AwaitingCustomer(unitCapturesDirectly: true);

        var decision = h.When(Capture("ship-1", 10_000));

        Assert.Equal(EpaymentDecider.CapturedDirectlyCode, decision.Rejection?.Code);
        Assert.Contains("captures directly (DirectCapture)", decision.Rejection?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void a_direct_capture_unit_whose_payment_vipps_did_not_capture_is_captured_as_usual()
    {
        var h = AwaitingCustomer(unitCapturesDirectly: true)
            .GivenResult(c => new PaymentRead(c.Key, VippsPaymentState.Authorized, Aggregate(10_000)));

        var decision = h.When(Capture("ship-1", 10_000));

        Assert.False(h.State.CapturedDirectly);
        Assert.IsType<CapturePayment>(Assert.Single(decision.Commands));
    }

    [Fact]
    public void a_refund_of_a_payment_captured_at_authorization_is_bounded_by_the_captured_amount()
    {
        var h = CapturedAtAuthorization();

        var within = h.When(Refund("rf-1", 10_000));
        var beyond = h.When(Refund("rf-2", 1));

        Assert.IsType<RefundPayment>(Assert.Single(within.Commands));
        Assert.Equal("refund-exceeds-captured", beyond.Rejection?.Code);
    }

    [Fact]
    public void a_repeated_payment_request_is_a_no_op_even_when_the_units_capture_type_changed_in_between()
    {
        var h = Harnesses.Epayment().Given(PaymentRequested() with { SalesUnitCapturesDirectly = true });

        var decision = h.When(PaymentRequested());

        Assert.True(decision.IsNoOp);
        Assert.True(h.State.Request!.SalesUnitCapturesDirectly);
    }

    [Fact]
    public void a_payment_captured_at_authorization_warns_of_no_capture_deadline()
    {
        var h = CapturedAtAuthorization();

        Assert.Empty(h.Decisions[^1].Outcomes.Where(o => o.Type == OutgoingEventTypes.PaymentCaptureDeadlineApproaching));
        Assert.Null(new EpaymentDecider().NextWakeUp(h.State)); // a reserved one wakes to warn of its deadlines
    }
}
