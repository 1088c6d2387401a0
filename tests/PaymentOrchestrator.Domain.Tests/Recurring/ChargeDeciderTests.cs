using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Tests.Support;
using PaymentOrchestrator.Domain.Values;
using static PaymentOrchestrator.Domain.Tests.Support.Samples;

namespace PaymentOrchestrator.Domain.Tests.Recurring;

public class ChargeDeciderTests
{
    // T0 is 2026-03-02 10:00 UTC; the sample charge is due 2026-03-10 with 3 retry days.
    private static readonly DateTimeOffset DueDay = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    private static ChargeCaptureRequested CaptureCharge(string id, long amount) => new(SalesUnit, Samples.Charge, id, Nok(amount), null);

    private static ChargeRefundRequested RefundCharge(string id, long amount) =>
        new(SalesUnit, Samples.Charge, id, Nok(amount), "Returned", "finance@shop.example", null);

    private static ChargeCancelRequested CancelCharge() => new(SalesUnit, Samples.Charge);

    private static ChargeRead Read(VippsCommand c, VippsChargeStatus status, ChargeSummary? summary = null, string? failure = null) =>
        new(c.Key, status, summary, failure, failure is null ? null : "The card was declined");

    private static SagaHarness<ChargeState> Created(ChargeTransactionType type = ChargeTransactionType.DirectCapture) =>
        Harnesses.Charge().Given(ChargeRequested(type: type)).GivenResult(c => new ChargeCreated(c.Key));

    private static SagaHarness<ChargeState> Observed(VippsChargeStatus status, ChargeTransactionType type = ChargeTransactionType.DirectCapture)
    {
        var h = Created(type).At(DueDay + TimeSpan.FromHours(8)).Given(new WakeUp());
        return h.GivenResult(c => Read(c, status));
    }

    [Fact]
    public void charge_request_issues_one_create_with_a_stable_key()
    {
        var h = Harnesses.Charge();

        var decision = h.When(ChargeRequested());

        var create = Assert.IsType<CreateCharge>(Assert.Single(decision.Commands));
        Assert.Equal(IdempotencyKey.Derive("create", 1, ChargeKey), create.Key);
        Assert.Equal(new DateOnly(2026, 3, 10), create.Due);
        Assert.Equal(3, create.RetryDays);
        Assert.Equal(Samples.Charge, create.ChargeId);
    }

    [Fact]
    public void an_adopted_initial_charge_is_read_at_once_not_created_and_then_captured_like_any_charge()
    {
        var h = Harnesses.Charge();
        var initial = ChargeRequested(new DateOnly(2026, 3, 1), ChargeTransactionType.ReserveCapture) with { RetryDays = 0 };

        var decision = h.When(new InitialChargeAdopted(initial));

        var read = Assert.IsType<GetCharge>(Assert.Single(decision.Commands));
        Assert.Equal(("agr_5kSeqz", Samples.Charge), (read.AgreementId, read.ChargeId));
        Assert.Equal(ChargeStatus.Pending, h.State.Status);
        Assert.Empty(decision.Outcomes);

        var reserved = h.WhenResult(c => Read(c, VippsChargeStatus.Reserved));
        Assert.Equal(OutgoingEventTypes.ChargeReserved, Assert.Single(reserved.Outcomes).Type);
        var capture = Assert.IsType<CaptureCharge>(Assert.Single(h.When(CaptureCharge("cap-1", 29_900)).Commands));
        Assert.Equal(29_900, capture.Amount.MinorUnits);
    }

    [Fact]
    public void an_initial_charge_handed_over_again_is_a_no_op_and_one_on_a_charge_id_in_use_is_refused()
    {
        var initial = ChargeRequested(new DateOnly(2026, 3, 1)) with { RetryDays = 0 };
        var adopted = Harnesses.Charge().Given(new InitialChargeAdopted(initial));
        Assert.True(adopted.When(new InitialChargeAdopted(initial)).IsNoOp);

        var used = Harnesses.Charge().Given(ChargeRequested());
        Assert.Equal("charge-id-already-used", used.When(new InitialChargeAdopted(initial)).Rejection?.Code);
        var elsewhere = initial with { ChargeId = ChargeId.Create("chr-other").Value };
        Assert.Equal("wrong-saga", Harnesses.Charge().When(new InitialChargeAdopted(elsewhere)).Rejection?.Code);
    }

    [Fact]
    public void a_charge_due_less_than_two_days_ahead_is_rejected()
    {
        var decision = Harnesses.Charge().When(ChargeRequested(new DateOnly(2026, 3, 3)));

        Assert.Equal("due-too-soon", decision.Rejection?.Code);
        Assert.Contains("2026-03-04", decision.Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void a_repeated_charge_request_is_a_no_op_and_a_different_one_is_rejected()
    {
        var h = Harnesses.Charge().Given(ChargeRequested());

        Assert.True(h.When(ChargeRequested()).IsNoOp);
        Assert.Equal("charge-id-already-used", h.When(ChargeRequested() with { RetryDays = 5 }).Rejection?.Code);
    }

    [Fact]
    public void a_created_charge_publishes_created_and_reads_it_back_after_five_seconds()
    {
        var h = Harnesses.Charge().Given(ChargeRequested());

        var decision = h.WhenResult(c => new ChargeCreated(c.Key));

        Assert.Equal(OutgoingEventTypes.ChargeCreated, Assert.Single(decision.Outcomes).Type);
        Assert.Equal(ChargeStatus.Pending, h.State.Status);
        Assert.Equal(h.Now + TimeSpan.FromSeconds(5), decision.WakeUpAt);
    }

    [Fact]
    public void a_pending_charge_is_next_read_on_its_due_day()
    {
        var h = Created().After(TimeSpan.FromSeconds(5)).Given(new WakeUp());

        var decision = h.WhenResult(c => Read(c, VippsChargeStatus.Pending));

        Assert.Equal(DueDay + TimeSpan.FromHours(8), decision.WakeUpAt);
    }

    [Fact]
    public void a_due_charge_is_read_every_six_hours_until_after_the_last_retry_day()
    {
        var h = Created().At(DueDay + TimeSpan.FromHours(8)).Given(new WakeUp());

        var decision = h.WhenResult(c => Read(c, VippsChargeStatus.Due));
        Assert.Equal(DueDay + TimeSpan.FromHours(14), decision.WakeUpAt);

        h.At(DueDay + TimeSpan.FromDays(4) - TimeSpan.FromHours(2)).Given(new WakeUp());
        var last = h.WhenResult(c => Read(c, VippsChargeStatus.Due));
        Assert.Equal(DueDay + TimeSpan.FromDays(4) + TimeSpan.FromHours(1), last.WakeUpAt);
    }

    [Fact]
    public void a_charge_still_due_after_the_last_retry_day_needs_attention()
    {
        var h = Created().At(DueDay + TimeSpan.FromDays(4) + TimeSpan.FromHours(1)).Given(new WakeUp());

        var decision = h.WhenResult(c => Read(c, VippsChargeStatus.Due));

        Assert.Equal(ChargeStatus.NeedsAttention, h.State.Status);
        Assert.Equal(OutgoingEventTypes.ChargeNeedsAttention, Assert.Single(decision.Outcomes).Type);
    }

    [Fact]
    public void a_read_may_skip_statuses_straight_to_charged()
    {
        var h = Created().At(DueDay + TimeSpan.FromHours(8)).Given(new WakeUp());

        var decision = h.WhenResult(c => Read(c, VippsChargeStatus.Charged));

        Assert.Equal(OutgoingEventTypes.ChargeCharged, Assert.Single(decision.Outcomes).Type);
        Assert.Equal(ChargeStatus.Charged, h.State.Status);
        Assert.Equal(29_900, h.State.Summary.Captured.MinorUnits);
        Assert.Null(decision.WakeUpAt);
    }

    [Fact]
    public void a_failed_charge_publishes_failed_with_the_failure_reason()
    {
        var h = Created().At(DueDay + TimeSpan.FromHours(8)).Given(new WakeUp());

        var decision = h.WhenResult(c => Read(c, VippsChargeStatus.Failed, failure: "user_action_required"));

        var outcome = Assert.Single(decision.Outcomes);
        Assert.Equal(OutgoingEventTypes.ChargeFailed, outcome.Type);
        Assert.Equal("user_action_required", outcome.Data.FailureReason);
        Assert.Equal(ChargeStatus.Failed, h.State.Status);
    }

    [Fact]
    public void a_reserve_capture_charge_publishes_reserved()
    {
        var h = Created(ChargeTransactionType.ReserveCapture).At(DueDay + TimeSpan.FromHours(8)).Given(new WakeUp());

        var decision = h.WhenResult(c => Read(c, VippsChargeStatus.Reserved));

        Assert.Equal(OutgoingEventTypes.ChargeReserved, Assert.Single(decision.Outcomes).Type);
    }

    [Fact]
    public void a_backward_read_is_stale_and_changes_nothing()
    {
        var h = Observed(VippsChargeStatus.Charged).Given(new WebhookReceived("recurring.charge-captured.v1"));

        var decision = h.WhenResult(c => Read(c, VippsChargeStatus.Due));

        Assert.Empty(decision.Outcomes);
        Assert.Equal(ChargeStatus.Charged, h.State.Status);
    }

    [Theory]
    [InlineData(ChargeStatus.Pending, VippsChargeStatus.Charged, true)]
    [InlineData(ChargeStatus.Due, VippsChargeStatus.Failed, true)]
    [InlineData(ChargeStatus.Reserved, VippsChargeStatus.Cancelled, true)]
    [InlineData(ChargeStatus.Reserved, VippsChargeStatus.Failed, false)]
    [InlineData(ChargeStatus.Charged, VippsChargeStatus.Cancelled, false)]
    [InlineData(ChargeStatus.Charged, VippsChargeStatus.Reserved, false)]
    [InlineData(ChargeStatus.Failed, VippsChargeStatus.Charged, false)]
    [InlineData(ChargeStatus.Charged, VippsChargeStatus.Refunded, true)]
    public void only_forward_jumps_are_accepted(ChargeStatus current, VippsChargeStatus observed, bool forward)
    {
        Assert.Equal(forward, ChargeDecider.IsForward(current, observed));
    }

    [Fact]
    public void capture_of_a_reserved_charge_issues_one_capture_and_publishes_charged()
    {
        var h = Observed(VippsChargeStatus.Reserved, ChargeTransactionType.ReserveCapture);

        var capture = Assert.IsType<CaptureCharge>(Assert.Single(h.When(CaptureCharge("cap-1", 29_900)).Commands));
        Assert.Equal("March coffee", capture.Description);
        var decision = h.WhenResult(c => new ChargeCaptureSucceeded(c.Key));

        Assert.Equal(OutgoingEventTypes.ChargeCharged, Assert.Single(decision.Outcomes).Type);
        Assert.Equal(ChargeStatus.Charged, h.State.Status);
    }

    [Fact]
    public void a_partial_capture_leaves_the_charge_partially_captured()
    {
        var h = Observed(VippsChargeStatus.Reserved, ChargeTransactionType.ReserveCapture).Given(CaptureCharge("cap-1", 10_000));

        h.WhenResult(c => new ChargeCaptureSucceeded(c.Key));

        Assert.Equal(ChargeStatus.PartiallyCaptured, h.State.Status);
        Assert.Equal("capture-exceeds-remaining", h.When(CaptureCharge("cap-2", 19_901)).Rejection?.Code);
    }

    [Fact]
    public void a_repeated_charge_capture_id_is_a_no_op()
    {
        var h = Observed(VippsChargeStatus.Reserved, ChargeTransactionType.ReserveCapture).Given(CaptureCharge("cap-1", 10_000));

        Assert.True(h.When(CaptureCharge("cap-1", 10_000)).IsNoOp);
        Assert.Equal("capture-id-reused", h.When(CaptureCharge("cap-1", 1)).Rejection?.Code);
    }

    [Fact]
    public void capture_of_a_charge_that_is_not_reserved_is_rejected()
    {
        Assert.Equal("not-reserved", Observed(VippsChargeStatus.Due).When(CaptureCharge("cap-1", 100)).Rejection?.Code);
        Assert.Equal("unknown-charge", Harnesses.Charge().When(CaptureCharge("cap-1", 100)).Rejection?.Code);
    }

    [Fact]
    public void refund_of_a_charged_charge_issues_one_refund_and_publishes_refunded()
    {
        var h = Observed(VippsChargeStatus.Charged);

        Assert.IsType<RefundCharge>(Assert.Single(h.When(RefundCharge("ref-1", 9_900)).Commands));
        var decision = h.WhenResult(c => new ChargeRefundSucceeded(c.Key));

        Assert.Equal(OutgoingEventTypes.ChargeRefunded, Assert.Single(decision.Outcomes).Type);
        Assert.Equal(ChargeStatus.PartiallyRefunded, h.State.Status);
    }

    [Fact]
    public void refund_above_what_was_charged_is_rejected()
    {
        var h = Observed(VippsChargeStatus.Charged).Given(RefundCharge("ref-1", 20_000));

        Assert.Equal("refund-exceeds-captured", h.When(RefundCharge("ref-2", 9_901)).Rejection?.Code);
        Assert.True(h.When(RefundCharge("ref-1", 20_000)).IsNoOp);
    }

    [Fact]
    public void refund_of_a_charge_not_yet_charged_is_rejected()
    {
        Assert.Equal("not-charged", Observed(VippsChargeStatus.Due).When(RefundCharge("ref-1", 100)).Rejection?.Code);
    }

    [Fact]
    public void cancel_of_a_due_charge_issues_one_cancel_and_publishes_cancelled()
    {
        var h = Observed(VippsChargeStatus.Due);

        Assert.IsType<Domain.Recurring.CancelCharge>(Assert.Single(h.When(CancelCharge()).Commands));
        var decision = h.WhenResult(c => new ChargeCancelSucceeded(c.Key));

        Assert.Equal(OutgoingEventTypes.ChargeCancelled, Assert.Single(decision.Outcomes).Type);
        Assert.Equal(ChargeStatus.Cancelled, h.State.Status);
        Assert.Null(decision.WakeUpAt);
    }

    [Fact]
    public void a_repeated_charge_cancel_is_a_no_op()
    {
        var h = Observed(VippsChargeStatus.Due).Given(CancelCharge());

        Assert.True(h.When(CancelCharge()).IsNoOp);
    }

    [Fact]
    public void cancel_of_a_charged_charge_is_rejected()
    {
        Assert.Equal("already-charged", Observed(VippsChargeStatus.Charged).When(CancelCharge()).Rejection?.Code);
    }

    [Fact]
    public void cancel_of_a_charge_vipps_is_processing_is_refused_and_nothing_is_sent()
    {
        var h = Observed(VippsChargeStatus.Processing);
        Assert.Equal(ChargeStatus.Processing, h.State.Status);

        var decision = h.When(CancelCharge());

        Assert.Equal("charge-processing", decision.Rejection?.Code);
        Assert.Empty(decision.Commands);
        Assert.Null(h.State.Cancel);
    }

    [Fact]
    public void cancel_of_a_failed_charge_is_a_no_op_and_of_an_unknown_one_rejected()
    {
        Assert.True(Observed(VippsChargeStatus.Failed).When(CancelCharge()).IsNoOp);
        Assert.Equal("unknown-charge", Harnesses.Charge().When(CancelCharge()).Rejection?.Code);
    }

    [Fact]
    public void a_permanent_create_failure_needs_attention_with_the_problem()
    {
        var h = Harnesses.Charge().Given(ChargeRequested());

        var decision = h.WhenResult(c => new CommandFailedPermanent(c.Key, Problem(400, "charge.due")));

        Assert.Equal(ChargeStatus.NeedsAttention, h.State.Status);
        Assert.Equal("charge.due", Assert.Single(decision.Outcomes).Data.Problem!.ErrorCode);
    }

    [Fact]
    public void a_transient_capture_failure_retries_with_the_same_key()
    {
        var h = Observed(VippsChargeStatus.Reserved, ChargeTransactionType.ReserveCapture).Given(CaptureCharge("cap-1", 100));
        var key = h.Head.Key;

        var failed = h.WhenResult(c => new CommandFailedTransient(c.Key, Problem(503)));

        Assert.Equal(key, Assert.Single(h.At(failed.WakeUpAt!.Value).When(new WakeUp()).Commands).Key);
    }

    [Fact]
    public void an_input_for_another_charge_is_rejected()
    {
        var other = ChargeRequested() with { ChargeId = ChargeId.Create("order-20002").Value };

        Assert.Equal("wrong-saga", Harnesses.Charge().When(other).Rejection?.Code);
    }

    [Fact]
    public void refund_of_an_unknown_charge_is_rejected()
    {
        Assert.Equal("unknown-charge", Harnesses.Charge().When(RefundCharge("ref-1", 100)).Rejection?.Code);
    }

    [Fact]
    public void a_charge_refund_id_reused_for_another_amount_is_rejected()
    {
        var h = Observed(VippsChargeStatus.Charged).Given(RefundCharge("ref-1", 100));

        Assert.Equal("refund-id-reused", h.When(RefundCharge("ref-1", 200)).Rejection?.Code);
    }

    [Fact]
    public void a_charge_refund_id_repeated_with_another_requester_is_refused_and_a_true_repeat_after_success_is_a_no_op()
    {
        var h = Observed(VippsChargeStatus.Charged).Given(RefundCharge("ref-1", 100));

        Assert.Equal("refund-id-reused", h.When(RefundCharge("ref-1", 100) with { RequestedBy = "someone@else.example" }).Rejection?.Code);
        h.GivenResult(c => new ChargeRefundSucceeded(c.Key));
        Assert.Empty(h.State.InFlight);
        Assert.True(h.When(RefundCharge("ref-1", 100)).IsNoOp);
        Assert.Equal("refund-id-reused", h.When(RefundCharge("ref-1", 100) with { RequestedBy = "someone@else.example" }).Rejection?.Code);
    }

    [Fact]
    public void beyond_the_cap_of_operations_in_flight_a_charge_refund_is_refused_to_retry_later()
    {
        var h = Observed(VippsChargeStatus.Charged);
        for (var i = 1; i <= OperationLimits.MaxInFlight; i++)
        {
            h.Given(RefundCharge($"ref-{i}", 1));
        }

        var decision = h.When(RefundCharge("ref-over", 1));

        Assert.Equal(OperationLimits.InFlightCode, decision.Rejection?.Code);
        Assert.Contains($"{OperationLimits.MaxInFlight} captures and refunds are in flight", decision.Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void a_charge_refund_without_description_sends_its_reason_cut_to_the_45_characters_recurring_takes()
    {
        var h = Observed(VippsChargeStatus.Charged);

        var decision = h.When(RefundCharge("ref-1", 100) with { Reason = new string('x', 200) });

        var refund = Assert.IsType<RefundCharge>(Assert.Single(decision.Commands));
        Assert.Equal(45, refund.Description.Length);
    }

    [Fact]
    public void charge_capture_or_refund_in_another_currency_or_of_zero_is_rejected()
    {
        var reserved = Observed(VippsChargeStatus.Reserved, ChargeTransactionType.ReserveCapture);
        Assert.Equal("currency-mismatch", reserved.When(new ChargeCaptureRequested(SalesUnit, Samples.Charge, "cap-1", new Money(100, Currency.DKK), null)).Rejection?.Code);
        Assert.Equal("amount-not-positive", reserved.When(CaptureCharge("cap-2", 0)).Rejection?.Code);

        var charged = Observed(VippsChargeStatus.Charged);
        Assert.Equal("currency-mismatch", charged.When(new ChargeRefundRequested(SalesUnit, Samples.Charge, "ref-1", new Money(100, Currency.EUR), "r", "f", null)).Rejection?.Code);
        Assert.Equal("amount-not-positive", charged.When(RefundCharge("ref-2", 0)).Rejection?.Code);
    }

    [Fact]
    public void a_charge_that_needs_attention_rejects_new_operations()
    {
        var h = Harnesses.Charge().Given(ChargeRequested());
        h.GivenResult(c => new CommandFailedPermanent(c.Key, Problem(400)));

        Assert.Equal("needs-attention", h.When(CancelCharge()).Rejection?.Code);
        Assert.Equal("needs-attention", h.When(CaptureCharge("cap-1", 100)).Rejection?.Code);
        Assert.Equal("needs-attention", h.When(RefundCharge("ref-1", 100)).Rejection?.Code);
    }

    [Fact]
    public void cancel_while_creating_waits_for_the_create_to_be_answered()
    {
        var h = Harnesses.Charge().Given(ChargeRequested());

        Assert.Empty(h.When(CancelCharge()).Commands);

        Assert.IsType<Domain.Recurring.CancelCharge>(Assert.Single(h.WhenResult(c => new ChargeCreated(c.Key)).Commands));
    }

    [Fact]
    public void a_read_showing_the_charge_cancelled_publishes_cancelled()
    {
        var h = Observed(VippsChargeStatus.Due).Given(new WebhookReceived("recurring.charge-canceled.v1"));

        var decision = h.WhenResult(c => Read(c, VippsChargeStatus.Cancelled));

        Assert.Equal(OutgoingEventTypes.ChargeCancelled, Assert.Single(decision.Outcomes).Type);
        Assert.Equal(ChargeStatus.Cancelled, h.State.Status);
    }

    [Fact]
    public void refunding_everything_leaves_the_charge_refunded()
    {
        var h = Observed(VippsChargeStatus.Charged).Given(RefundCharge("ref-1", 9_900));
        h.GivenResult(c => new ChargeRefundSucceeded(c.Key)).Given(RefundCharge("ref-2", 20_000));

        h.WhenResult(c => new ChargeRefundSucceeded(c.Key));

        Assert.Equal(ChargeStatus.Refunded, h.State.Status);
        Assert.Equal("not-charged", h.When(RefundCharge("ref-3", 1)).Rejection?.Code);
    }

    [Fact]
    public void a_refund_of_a_partly_captured_charge_is_refused_until_the_rest_is_captured_or_released()
    {
        // Vipps takes no capture or cancel once a charge is refunded: a refund now would freeze the reserved rest.
        var h = Observed(VippsChargeStatus.Reserved, ChargeTransactionType.ReserveCapture).Given(CaptureCharge("cap-1", 10_000));
        h.GivenResult(c => new ChargeCaptureSucceeded(c.Key));

        var refused = h.When(RefundCharge("ref-1", 4_000));
        Assert.Equal("reservation-open", refused.Rejection?.Code);
        Assert.Contains("19900", refused.Rejection!.Reason, StringComparison.Ordinal);

        h.Given(CaptureCharge("cap-2", 19_900)).GivenResult(c => new ChargeCaptureSucceeded(c.Key));
        Assert.Equal(ChargeStatus.Charged, h.State.Status);
        Assert.IsType<Domain.Recurring.RefundCharge>(Assert.Single(h.When(RefundCharge("ref-1", 4_000)).Commands));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void a_cancel_answered_after_a_read_saw_the_charge_cancelled_publishes_nothing_again_and_needs_no_person(bool vippsAccepts)
    {
        var h = Observed(VippsChargeStatus.Reserved, ChargeTransactionType.ReserveCapture).Given(new WebhookReceived("recurring.charge-canceled.v1"));
        h.Given(CancelCharge());
        var read = h.WhenResult(c => Read(c, VippsChargeStatus.Cancelled));
        Assert.Equal(OutgoingEventTypes.ChargeCancelled, Assert.Single(read.Outcomes).Type);
        Assert.IsType<Domain.Recurring.CancelCharge>(h.State.Core.Head!.Command);

        var answered = vippsAccepts
            ? h.WhenResult(c => new ChargeCancelSucceeded(c.Key))
            : h.WhenResult(c => new CommandFailedPermanent(c.Key, Problem(400)));

        Assert.Empty(answered.Outcomes);
        Assert.Equal(ChargeStatus.Cancelled, h.State.Status);
        Assert.Empty(h.State.Core.Outbox);
    }

    [Fact]
    public void the_captured_part_of_a_partially_captured_then_cancelled_charge_can_be_refunded()
    {
        var h = Observed(VippsChargeStatus.Reserved, ChargeTransactionType.ReserveCapture).Given(CaptureCharge("cap-1", 10_000));
        h.GivenResult(c => new ChargeCaptureSucceeded(c.Key)).Given(CancelCharge()).GivenResult(c => new ChargeCancelSucceeded(c.Key));

        Assert.Equal(ChargeStatus.Cancelled, h.State.Status);
        Assert.Equal(19_900, h.State.Summary.Cancelled.MinorUnits);
        Assert.IsType<Domain.Recurring.RefundCharge>(Assert.Single(h.When(RefundCharge("ref-1", 10_000)).Commands));
    }
}
