using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Tests.Support;
using PaymentOrchestrator.Domain.Values;
using static PaymentOrchestrator.Domain.Tests.Support.Samples;

namespace PaymentOrchestrator.Domain.Tests.Epayment;

public class EpaymentDeciderTests
{
    private static readonly TimeSpan Seconds5 = TimeSpan.FromSeconds(5);

    private static SagaHarness<EpaymentState> Created(SagaHarness<EpaymentState>? harness = null)
    {
        var h = harness ?? Harnesses.Epayment();
        return h.Given(PaymentRequested()).GivenResult(c => new PaymentCreated(c.Key, "https://pay.vipps.no/abc"));
    }

    private static SagaHarness<EpaymentState> Authorized(long amount = 10_000, SagaHarness<EpaymentState>? harness = null)
    {
        var h = Created(harness).After(Seconds5).Given(new WakeUp());
        return h.GivenResult(c => new PaymentRead(c.Key, VippsPaymentState.Authorized, Aggregate(amount)));
    }

    private static SagaHarness<EpaymentState> Captured(long captured)
    {
        var h = Authorized().Given(Capture("cap-1", captured));
        return h.GivenResult(c => new CaptureSucceeded(c.Key, Aggregate(10_000, captured)));
    }

    [Fact]
    public void payment_request_issues_one_create_with_a_stable_key()
    {
        var h = Harnesses.Epayment();

        var decision = h.When(PaymentRequested());

        var create = Assert.IsType<CreatePayment>(Assert.Single(decision.Commands));
        Assert.Equal(IdempotencyKey.Derive("create", 1, PaymentKey), create.Key);
        Assert.Equal(Nok(10_000), create.Amount);
        Assert.Equal(EpaymentStatus.Creating, h.State.Status);
        Assert.Equal(h.Now + new RetryPolicy().CommandTimeout, decision.WakeUpAt);
    }

    [Fact]
    public void repeated_payment_request_is_a_no_op()
    {
        var h = Harnesses.Epayment().Given(PaymentRequested());

        var decision = h.When(PaymentRequested());

        Assert.True(decision.IsNoOp);
    }

    [Fact]
    public void payment_request_reusing_the_reference_with_other_details_is_rejected()
    {
        var h = Harnesses.Epayment().Given(PaymentRequested());

        var decision = h.When(PaymentRequested(Nok(20_000)));

        Assert.Equal("reference-already-used", decision.Rejection?.Code);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void created_payment_publishes_the_redirect_url_and_schedules_the_first_read_five_seconds_later()
    {
        var h = Harnesses.Epayment().Given(PaymentRequested());

        var decision = h.WhenResult(c => new PaymentCreated(c.Key, "https://pay.vipps.no/abc"));

        var outcome = Assert.Single(decision.Outcomes);
        Assert.Equal(OutgoingEventTypes.PaymentCreated, outcome.Type);
        Assert.Equal("https://pay.vipps.no/abc", outcome.Data.RedirectUrl);
        Assert.Equal(EpaymentStatus.AwaitingCustomer, h.State.Status);
        Assert.Equal(h.Now + Seconds5, decision.WakeUpAt);
        Assert.Empty(h.State.Core.Outbox);
    }

    [Fact]
    public void the_first_read_is_issued_when_the_wake_up_comes()
    {
        var h = Created().After(Seconds5);

        var decision = h.When(new WakeUp());

        var read = Assert.IsType<GetPayment>(Assert.Single(decision.Commands));
        Assert.Equal(Reference, read.Reference);
    }

    [Fact]
    public void a_wake_up_before_anything_is_due_is_a_no_op()
    {
        var h = Created().After(TimeSpan.FromSeconds(4));

        var decision = h.When(new WakeUp());

        Assert.True(decision.IsNoOp);
        Assert.Equal(SagaHarness<EpaymentState>.T0 + Seconds5, decision.WakeUpAt);
    }

    [Fact]
    public void reads_that_find_the_customer_deciding_back_off_from_two_seconds_by_half_up_to_thirty()
    {
        var h = Created();
        var intervals = new List<double>();
        h.After(Seconds5).Given(new WakeUp());
        for (var i = 0; i < 9; i++)
        {
            var readAt = h.Now;
            var decision = h.WhenResult(c => new PaymentRead(c.Key, VippsPaymentState.Created, Aggregate(0)));
            intervals.Add((decision.WakeUpAt!.Value - readAt).TotalSeconds);
            h.At(decision.WakeUpAt.Value).Given(new WakeUp());
        }

        Assert.Equal([2, 3, 4.5, 6.75, 10.125, 15.1875, 22.78125, 30, 30], intervals);
    }

    [Fact]
    public void a_payment_still_created_when_the_customer_window_closes_needs_attention()
    {
        var h = Created();
        var decision = h.After(TimeSpan.FromMinutes(12)).When(new WakeUp());
        Assert.IsType<GetPayment>(Assert.Single(decision.Commands));

        decision = h.WhenResult(c => new PaymentRead(c.Key, VippsPaymentState.Created, Aggregate(0)));

        Assert.Equal(EpaymentStatus.NeedsAttention, h.State.Status);
        Assert.Equal(OutgoingEventTypes.PaymentNeedsAttention, Assert.Single(decision.Outcomes).Type);
        Assert.Null(decision.WakeUpAt);
    }

    [Fact]
    public void the_last_read_lands_on_the_close_of_the_customer_window()
    {
        var h = Created();
        h.After(TimeSpan.FromMinutes(11) + TimeSpan.FromSeconds(59)).Given(new WakeUp());

        var decision = h.WhenResult(c => new PaymentRead(c.Key, VippsPaymentState.Created, Aggregate(0)));

        Assert.Equal(SagaHarness<EpaymentState>.T0 + TimeSpan.FromMinutes(12), decision.WakeUpAt);
    }

    [Fact]
    public void a_webhook_triggers_an_immediate_read_back()
    {
        var h = Created().After(TimeSpan.FromSeconds(1));

        var decision = h.When(new WebhookReceived("epayments.payment.authorized.v1"));

        Assert.IsType<GetPayment>(Assert.Single(decision.Commands));
    }

    [Theory]
    [InlineData("CREATED")]
    [InlineData("epayments.payment.created.v1")]
    public void a_created_webhook_reads_nothing_back_because_the_sagas_own_create_call_told_it(string name)
    {
        var decision = Created().After(TimeSpan.FromSeconds(1)).When(new WebhookReceived(name));

        Assert.True(decision.IsNoOp);
    }

    [Fact]
    public void an_authorized_webhook_reads_back_while_the_customer_is_awaited_and_not_once_the_saga_knows()
    {
        Assert.IsType<GetPayment>(Assert.Single(Created().When(new WebhookReceived("AUTHORIZED")).Commands));
        Assert.True(Authorized().When(new WebhookReceived("AUTHORIZED")).IsNoOp);
    }

    [Fact]
    public void a_captured_webhook_reads_nothing_back_while_the_sagas_own_capture_is_in_flight_and_reads_back_otherwise()
    {
        var capturing = Authorized().Given(Capture("cap-1", 4_000));
        Assert.True(capturing.When(new WebhookReceived("epayments.payment.captured.v1")).IsNoOp);

        // Captured by someone else (the merchant portal): only a read-back tells the saga.
        Assert.IsType<GetPayment>(Assert.Single(Authorized().When(new WebhookReceived("CAPTURED")).Commands));
    }

    [Fact]
    public void a_captured_webhook_after_the_sagas_own_capture_took_everything_reads_nothing_back_and_after_a_part_it_does()
    {
        // The webhook of the saga's own capture, arriving after that capture's answer was applied: nothing remains to
        // capture, so no one can have captured more.
        var all = Captured(10_000);
        Assert.Equal(EpaymentStatus.Authorized, all.State.Status);
        Assert.True(all.When(new WebhookReceived("epayments.payment.captured.v1")).IsNoOp);

        // Part captured: the rest could have been captured elsewhere, so it reads back.
        Assert.IsType<GetPayment>(Assert.Single(Captured(6_000).When(new WebhookReceived("CAPTURED")).Commands));

        // Before authorization the saga knows no amounts yet (an empty aggregate): it reads back.
        Assert.IsType<GetPayment>(Assert.Single(Created().When(new WebhookReceived("CAPTURED")).Commands));
    }

    [Theory]
    [InlineData("CREATED", "CREATED")]
    [InlineData("epayments.payment.refunded.v1", "REFUNDED")]
    [InlineData("Epayments.Payment.Cancelled.V1", "CANCELLED")]
    [InlineData("something.else", "SOMETHING.ELSE")]
    public void a_webhook_is_named_as_in_its_payload_or_by_its_event_type(string eventName, string expected)
    {
        Assert.Equal(expected, EpaymentWebhooks.Name(eventName));
    }

    [Fact]
    public void a_webhook_while_a_read_is_in_flight_adds_no_second_read()
    {
        var h = Created().After(Seconds5).Given(new WakeUp());

        var decision = h.When(new WebhookReceived("epayments.payment.authorized.v1"));

        Assert.True(decision.IsNoOp);
        Assert.Single(h.State.Core.Outbox);
    }

    [Fact]
    public void an_authorized_read_publishes_authorized_and_stops_polling()
    {
        var h = Created().After(Seconds5).Given(new WakeUp());

        var decision = h.WhenResult(c => new PaymentRead(c.Key, VippsPaymentState.Authorized, Aggregate(10_000)));

        Assert.Equal(OutgoingEventTypes.PaymentAuthorized, Assert.Single(decision.Outcomes).Type);
        Assert.Equal(EpaymentStatus.Authorized, h.State.Status);
        Assert.Null(h.State.Core.NextPollAt);
        Assert.Equal(h.Now, h.State.AuthorizedAt);
    }

    [Theory]
    [InlineData(VippsPaymentState.Aborted, EpaymentStatus.Aborted, OutgoingEventTypes.PaymentAborted)]
    [InlineData(VippsPaymentState.Expired, EpaymentStatus.Expired, OutgoingEventTypes.PaymentExpired)]
    [InlineData(VippsPaymentState.Terminated, EpaymentStatus.Terminated, OutgoingEventTypes.PaymentTerminated)]
    public void a_final_read_ends_the_saga_with_the_matching_outcome(VippsPaymentState read, EpaymentStatus status, string outcome)
    {
        var h = Created().After(Seconds5).Given(new WakeUp());

        var decision = h.WhenResult(c => new PaymentRead(c.Key, read, Aggregate(0)));

        Assert.Equal(outcome, Assert.Single(decision.Outcomes).Type);
        Assert.Equal(status, h.State.Status);
        Assert.True(h.State.IsFinished);
        Assert.Null(decision.WakeUpAt);
    }

    [Fact]
    public void a_repeated_read_result_is_a_no_op()
    {
        var h = Created().After(Seconds5).Given(new WakeUp());
        var key = h.Head.Key;
        h.Given(new PaymentRead(key, VippsPaymentState.Authorized, Aggregate(10_000)));

        var decision = h.When(new PaymentRead(key, VippsPaymentState.Authorized, Aggregate(10_000)));

        Assert.True(decision.IsNoOp);
    }

    [Fact]
    public void a_result_of_the_wrong_kind_for_the_command_in_flight_is_rejected()
    {
        var h = Harnesses.Epayment().Given(PaymentRequested());

        var decision = h.WhenResult(c => new CaptureSucceeded(c.Key, Aggregate(10_000)));

        Assert.Equal("result-does-not-match-command", decision.Rejection?.Code);
    }

    [Fact]
    public void capture_after_authorization_issues_one_capture_with_a_stable_key()
    {
        var h = Authorized();

        var decision = h.When(Capture("cap-1", 4_000));

        var capture = Assert.IsType<CapturePayment>(Assert.Single(decision.Commands));
        Assert.Equal("cap-1", capture.CaptureId);
        Assert.Equal(Nok(4_000), capture.Amount);
        Assert.Equal(IdempotencyKey.Derive("capture", 3, PaymentKey), capture.Key);
        Assert.Equal(capture.Key, Assert.Single(h.State.InFlight).Key);
    }

    [Fact]
    public void a_repeated_capture_id_is_a_no_op()
    {
        var h = Authorized().Given(Capture("cap-1", 4_000));

        var decision = h.When(Capture("cap-1", 4_000));

        Assert.True(decision.IsNoOp);
    }

    [Fact]
    public void a_capture_id_reused_for_another_amount_is_rejected()
    {
        var h = Authorized().Given(Capture("cap-1", 4_000));

        var decision = h.When(Capture("cap-1", 5_000));

        Assert.Equal("capture-id-reused", decision.Rejection?.Code);
    }

    [Fact]
    public void capture_before_authorization_is_rejected()
    {
        var h = Created();

        var decision = h.When(Capture("cap-1", 4_000));

        Assert.Equal("not-authorized", decision.Rejection?.Code);
        Assert.Contains("AwaitingCustomer", decision.Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void capture_of_an_unknown_payment_is_rejected()
    {
        var decision = Harnesses.Epayment().When(Capture("cap-1", 4_000));

        Assert.Equal("unknown-payment", decision.Rejection?.Code);
    }

    [Fact]
    public void capture_above_what_remains_counting_captures_in_flight_is_rejected()
    {
        var h = Authorized().Given(Capture("cap-1", 6_000));

        var decision = h.When(Capture("cap-2", 4_001));

        Assert.Equal("capture-exceeds-remaining", decision.Rejection?.Code);
        Assert.Contains("4000", decision.Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void capture_in_another_currency_is_rejected()
    {
        var decision = Authorized().When(Capture("cap-1", 4_000, Currency.DKK));

        Assert.Equal("currency-mismatch", decision.Rejection?.Code);
    }

    [Fact]
    public void capture_of_zero_is_rejected()
    {
        var decision = Authorized().When(Capture("cap-1", 0));

        Assert.Equal("amount-not-positive", decision.Rejection?.Code);
    }

    [Fact]
    public void a_second_capture_waits_in_the_outbox_until_the_first_is_answered()
    {
        var h = Authorized().Given(Capture("cap-1", 4_000));

        var queued = h.When(Capture("cap-2", 6_000));
        Assert.Empty(queued.Commands);
        Assert.Equal(2, h.State.Core.Outbox.Count);

        var next = h.WhenResult(c => new CaptureSucceeded(c.Key, Aggregate(10_000, 4_000)));

        var second = Assert.IsType<CapturePayment>(Assert.Single(next.Commands));
        Assert.Equal("cap-2", second.CaptureId);
    }

    [Fact]
    public void capture_success_updates_the_aggregate_and_publishes_captured()
    {
        var h = Authorized().Given(Capture("cap-1", 4_000));

        var decision = h.WhenResult(c => new CaptureSucceeded(c.Key, Aggregate(10_000, 4_000)));

        var outcome = Assert.Single(decision.Outcomes);
        Assert.Equal(OutgoingEventTypes.PaymentCaptured, outcome.Type);
        Assert.Equal("cap-1", outcome.Data.CaptureId);
        Assert.Equal(4_000, outcome.Data.Aggregate!.Captured.Value);
        Assert.Equal(4_000, h.State.Aggregate.Captured.MinorUnits);
        Assert.Equal(EpaymentStatus.Authorized, h.State.Status);
    }

    [Fact]
    public void refund_after_capture_issues_a_refund_keeping_reason_and_requester()
    {
        var h = Captured(6_000);

        var decision = h.When(Refund("ref-1", 2_000));

        var refund = Assert.IsType<RefundPayment>(Assert.Single(decision.Commands));
        Assert.Equal("ref-1", refund.RefundId);
        var accepted = Assert.IsType<RefundAccepted>(Assert.Single(decision.Events, e => e is RefundAccepted));
        Assert.Equal("Returned goods", accepted.Refund.Reason);
        Assert.Equal("finance@shop.example", accepted.Refund.RequestedBy);
        Assert.Equal(refund.Key, Assert.Single(h.State.InFlight).Key);

        var done = h.WhenResult(c => new RefundSucceeded(c.Key, Aggregate(10_000, 6_000, 2_000)));
        var outcome = Assert.Single(done.Outcomes);
        Assert.Equal(OutgoingEventTypes.PaymentRefunded, outcome.Type);
        Assert.Equal("finance@shop.example", outcome.Data.RequestedBy);
        Assert.Equal("Returned goods", outcome.Data.Reason);
        Assert.Empty(h.State.InFlight);
        Assert.Equal(1, h.State.RefundCount);
    }

    [Fact]
    public void refund_above_captured_minus_refunded_is_rejected()
    {
        var h = Captured(6_000).Given(Refund("ref-1", 5_000));

        var decision = h.When(Refund("ref-2", 1_001));

        Assert.Equal("refund-exceeds-captured", decision.Rejection?.Code);
    }

    [Fact]
    public void refund_of_an_authorized_but_uncaptured_payment_is_rejected()
    {
        var decision = Authorized().When(Refund("ref-1", 1));

        Assert.Equal("refund-exceeds-captured", decision.Rejection?.Code);
    }

    [Fact]
    public void refund_before_authorization_is_rejected()
    {
        var decision = Created().When(Refund("ref-1", 1));

        Assert.Equal("not-captured", decision.Rejection?.Code);
    }

    [Fact]
    public void a_repeated_refund_id_is_a_no_op_and_a_reused_one_is_rejected()
    {
        var h = Captured(6_000).Given(Refund("ref-1", 1_000));

        Assert.True(h.When(Refund("ref-1", 1_000)).IsNoOp);
        Assert.Equal("refund-id-reused", h.When(Refund("ref-1", 2_000)).Rejection?.Code);
    }

    [Fact]
    public void a_refund_id_repeated_with_another_requester_is_refused_as_reused_and_nothing_is_issued()
    {
        var h = Captured(6_000).Given(Refund("ref-1", 1_000));

        var decision = h.When(Refund("ref-1", 1_000) with { RequestedBy = "someone@else.example" });

        Assert.Equal("refund-id-reused", decision.Rejection?.Code);
        Assert.Contains("finance@shop.example", decision.Rejection!.Reason, StringComparison.Ordinal);
        Assert.Contains("someone@else.example", decision.Rejection.Reason, StringComparison.Ordinal);
        Assert.Single(h.State.InFlight);
    }

    [Fact]
    public void a_refund_id_repeated_after_vipps_confirmed_it_is_a_no_op_and_with_another_reason_is_refused()
    {
        var h = Captured(6_000).Given(Refund("ref-1", 1_000)).GivenResult(c => new RefundSucceeded(c.Key, Aggregate(10_000, 6_000, 1_000)));
        Assert.Empty(h.State.InFlight);

        Assert.True(h.When(Refund("ref-1", 1_000)).IsNoOp);
        Assert.Equal("refund-id-reused", h.When(Refund("ref-1", 1_000) with { Reason = "Damaged" }).Rejection?.Code);
    }

    [Fact]
    public void a_capture_id_repeated_after_vipps_confirmed_it_is_a_no_op_and_for_another_amount_is_refused()
    {
        var h = Captured(6_000);

        Assert.True(h.When(Capture("cap-1", 6_000)).IsNoOp);
        Assert.Equal("capture-id-reused", h.When(Capture("cap-1", 1_000)).Rejection?.Code);
    }

    [Fact]
    public void beyond_the_cap_of_operations_in_flight_a_refund_is_refused_to_retry_later_with_how_many_are_in_flight()
    {
        var h = Captured(6_000);
        for (var i = 1; i <= OperationLimits.MaxInFlight; i++)
        {
            h.Given(Refund($"ref-{i}", 1));
        }

        var decision = h.When(Refund("ref-over", 1));

        Assert.Equal(OperationLimits.InFlightCode, decision.Rejection?.Code);
        Assert.Contains($"{OperationLimits.MaxInFlight} captures and refunds are in flight", decision.Rejection!.Reason, StringComparison.Ordinal);
        Assert.Contains("retry", decision.Rejection.Reason, StringComparison.Ordinal);
        Assert.True(OperationLimits.IsRetryable(decision.Rejection.Code));
    }

    [Fact]
    public void captures_and_refunds_in_flight_share_the_cap_and_a_confirmed_one_frees_a_place()
    {
        var h = Authorized().Given(Capture("cap-1", 100)).GivenResult(c => new CaptureSucceeded(c.Key, Aggregate(10_000, 100)));
        for (var i = 1; i < OperationLimits.MaxInFlight; i++)
        {
            h.Given(Refund($"ref-{i}", 1));
        }

        h.Given(Capture("cap-2", 1));
        Assert.Equal(OperationLimits.InFlightCode, h.When(Capture("cap-3", 1)).Rejection?.Code);

        h.GivenResult(c => new RefundSucceeded(c.Key, Aggregate(10_000, 100, 1)));
        Assert.Null(h.When(Capture("cap-3", 1)).Rejection);
    }

    [Fact]
    public void cancel_before_authorization_issues_a_cancel_that_terminates()
    {
        var h = Created();

        var decision = h.When(Cancel());
        var cancel = Assert.IsType<CancelPayment>(Assert.Single(decision.Commands));
        Assert.True(h.State.Cancel!.BeforeAuthorization);

        var done = h.WhenResult(c => new CancelSucceeded(c.Key, VippsPaymentState.Terminated, Aggregate(0)));

        Assert.Equal(OutgoingEventTypes.PaymentTerminated, Assert.Single(done.Outcomes).Type);
        Assert.Equal(EpaymentStatus.Terminated, h.State.Status);
        Assert.Null(done.WakeUpAt);
        Assert.Equal(IdempotencyKey.Derive("cancel", 2, PaymentKey), cancel.Key);
    }

    [Fact]
    public void cancel_while_creating_waits_for_the_create_to_be_answered()
    {
        var h = Harnesses.Epayment().Given(PaymentRequested());

        var decision = h.When(Cancel());
        Assert.Empty(decision.Commands);

        var next = h.WhenResult(c => new PaymentCreated(c.Key, "https://pay.vipps.no/abc"));
        Assert.IsType<CancelPayment>(Assert.Single(next.Commands));
    }

    [Fact]
    public void cancel_after_authorization_releases_the_remainder_and_publishes_cancelled()
    {
        var h = Captured(4_000);

        var decision = h.When(Cancel());
        Assert.IsType<CancelPayment>(Assert.Single(decision.Commands));
        Assert.False(h.State.Cancel!.BeforeAuthorization);

        var done = h.WhenResult(c => new CancelSucceeded(c.Key, VippsPaymentState.Authorized, Aggregate(10_000, 4_000, 0, 6_000)));

        Assert.Equal(OutgoingEventTypes.PaymentCancelled, Assert.Single(done.Outcomes).Type);
        Assert.Equal(EpaymentStatus.Authorized, h.State.Status);
        Assert.Equal(6_000, h.State.Aggregate.Cancelled.MinorUnits);
    }

    [Fact]
    public void cancel_of_a_fully_captured_payment_is_rejected()
    {
        var decision = Captured(10_000).When(Cancel());

        Assert.Equal("nothing-to-cancel", decision.Rejection?.Code);
    }

    [Fact]
    public void a_repeated_cancel_is_a_no_op()
    {
        var h = Authorized().Given(Cancel());

        Assert.True(h.When(Cancel()).IsNoOp);
    }

    [Fact]
    public void cancel_of_an_aborted_payment_is_a_no_op()
    {
        var h = Created().After(Seconds5).Given(new WakeUp());
        h.GivenResult(c => new PaymentRead(c.Key, VippsPaymentState.Aborted, Aggregate(0)));

        Assert.True(h.When(Cancel()).IsNoOp);
    }

    [Fact]
    public void cancel_of_an_unknown_payment_is_rejected()
    {
        Assert.Equal("unknown-payment", Harnesses.Epayment().When(Cancel()).Rejection?.Code);
    }

    [Fact]
    public void capture_after_cancel_is_rejected()
    {
        var h = Authorized().Given(Cancel());

        Assert.Equal("cancelled", h.When(Capture("cap-1", 1_000)).Rejection?.Code);
    }

    [Fact]
    public void a_transient_failure_retries_with_backoff_and_the_same_key()
    {
        var h = Authorized().Given(Capture("cap-1", 4_000));
        var key = h.Head.Key;

        var failed = h.WhenResult(c => new CommandFailedTransient(c.Key, Problem(503)));
        Assert.Empty(failed.Commands);
        Assert.Equal(h.Now + TimeSpan.FromSeconds(2), failed.WakeUpAt);

        var retry = h.At(failed.WakeUpAt!.Value).When(new WakeUp());
        Assert.Equal(key, Assert.Single(retry.Commands).Key);

        var again = h.WhenResult(c => new CommandFailedTransient(c.Key, Problem(null)));
        Assert.Equal(h.Now + TimeSpan.FromSeconds(4), again.WakeUpAt);
    }

    [Fact]
    public void a_capture_that_vipps_cannot_take_for_an_hour_is_retried_with_its_key_and_then_captured()
    {
        var h = Authorized().Given(Capture("cap-1", 4_000));
        var key = Assert.IsType<CapturePayment>(h.State.Core.Head!.Command).Key;
        var outageEnds = h.Now + TimeSpan.FromHours(1);
        while (h.Now < outageEnds)
        {
            var failed = h.WhenResult(c => new CommandFailedTransient(c.Key, Problem(503)));
            Assert.NotEqual(EpaymentStatus.NeedsAttention, h.State.Status);
            h.At(failed.WakeUpAt!.Value).Given(new WakeUp());
        }

        Assert.Equal(key, h.State.Core.Head!.Command.Key);
        h.WhenResult(c => new CaptureSucceeded(c.Key, Aggregate(10_000, 4_000)));
        Assert.Equal(EpaymentStatus.Authorized, h.State.Status);
        Assert.Equal(4_000, h.State.Aggregate.Captured.MinorUnits);
    }

    [Theory]
    [InlineData(VippsPaymentState.Aborted, true)]
    [InlineData(VippsPaymentState.Aborted, false)]
    [InlineData(VippsPaymentState.Expired, false)]
    public void a_cancel_answered_after_a_read_saw_the_payment_end_publishes_nothing_more_and_needs_no_person(VippsPaymentState ended, bool vippsAccepts)
    {
        // The webshop gives up on the payment while a read is in flight; the read sees the customer abort it.
        var h = Created().After(Seconds5).Given(new WakeUp()).Given(Cancel());
        var read = h.WhenResult(c => new PaymentRead(c.Key, ended, Aggregate(0)));
        Assert.Single(read.Outcomes);
        Assert.IsType<CancelPayment>(h.State.Core.Head!.Command);

        var answered = vippsAccepts
            ? h.WhenResult(c => new CancelSucceeded(c.Key, VippsPaymentState.Terminated, Aggregate(0)))
            : h.WhenResult(c => new CommandFailedPermanent(c.Key, Problem(400)));

        Assert.Empty(answered.Outcomes);
        Assert.NotEqual(EpaymentStatus.NeedsAttention, h.State.Status);
        Assert.Empty(h.State.Core.Outbox);
    }

    [Fact]
    public void exhausted_retries_need_attention_with_the_problem_kept()
    {
        var h = Authorized().Given(Capture("cap-1", 4_000));
        Decision decision = null!;
        for (var attempt = 1; attempt <= new RetryPolicy().MaxAttempts; attempt++)
        {
            decision = h.WhenResult(c => new CommandFailedTransient(c.Key, Problem(500)));
            if (decision.WakeUpAt is { } at)
            {
                h.At(at).Given(new WakeUp());
            }
        }

        Assert.Equal(EpaymentStatus.NeedsAttention, h.State.Status);
        Assert.Equal(500, h.State.Core.Attention!.Problem!.Status);
        Assert.Contains("retries exhausted", h.State.Core.Attention.Reason, StringComparison.Ordinal);
        Assert.Equal(OutgoingEventTypes.PaymentNeedsAttention, Assert.Single(decision.Outcomes).Type);
        Assert.Empty(h.State.Core.Outbox);
    }

    [Fact]
    public void a_permanent_failure_needs_attention_with_the_vipps_error_code()
    {
        var h = Authorized().Given(Capture("cap-1", 4_000));

        var decision = h.WhenResult(c => new CommandFailedPermanent(c.Key, Problem(400, "6260")));

        Assert.Equal(EpaymentStatus.NeedsAttention, h.State.Status);
        Assert.Equal("6260", h.State.Core.Attention!.Problem!.ErrorCode);
        Assert.IsType<CapturePayment>(h.State.Core.Attention.Command);
        var outcome = Assert.Single(decision.Outcomes);
        Assert.Equal("6260", outcome.Data.Problem!.ErrorCode);
        Assert.Contains("error 6260", outcome.Data.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void a_saga_that_needs_attention_rejects_new_operations()
    {
        var h = Authorized().Given(Capture("cap-1", 4_000));
        h.GivenResult(c => new CommandFailedPermanent(c.Key, Problem(400, "6140")));

        Assert.Equal("needs-attention", h.When(Capture("cap-2", 1_000)).Rejection?.Code);
        Assert.Equal("needs-attention", h.When(Refund("ref-1", 1_000)).Rejection?.Code);
        Assert.Equal("needs-attention", h.When(Cancel()).Rejection?.Code);
        Assert.True(h.When(new WakeUp()).IsNoOp);
    }

    [Fact]
    public void a_command_in_flight_without_an_answer_is_handed_out_again_with_the_same_key_after_the_timeout()
    {
        var h = Authorized().Given(Capture("cap-1", 4_000));
        var key = h.Head.Key;

        Assert.True(h.After(TimeSpan.FromMinutes(1)).When(new WakeUp()).IsNoOp);
        var decision = h.After(TimeSpan.FromMinutes(1)).When(new WakeUp());

        Assert.Equal(key, Assert.Single(decision.Commands).Key);
    }

    [Fact]
    public void a_result_for_a_key_not_in_flight_is_a_no_op()
    {
        var h = Authorized().Given(Capture("cap-1", 4_000));

        var decision = h.When(new CaptureSucceeded(IdempotencyKey.Derive("capture", 99, PaymentKey), Aggregate(10_000, 4_000)));

        Assert.True(decision.IsNoOp);
    }

    [Fact]
    public void card_hold_and_norwegian_capture_deadline_are_warned_ahead_of_time()
    {
        var h = Authorized();
        var authorizedAt = h.State.AuthorizedAt!.Value;
        Assert.Equal(authorizedAt + TimeSpan.FromDays(6), new EpaymentDecider().NextWakeUp(h.State));

        var card = h.At(authorizedAt + TimeSpan.FromDays(6)).When(new WakeUp());
        var warning = Assert.Single(card.Outcomes);
        Assert.Equal(OutgoingEventTypes.PaymentCaptureDeadlineApproaching, warning.Type);
        Assert.Equal("card-hold", warning.Data.DeadlineKind);
        Assert.Equal(authorizedAt + TimeSpan.FromDays(7), warning.Data.Deadline);
        Assert.Equal(authorizedAt + TimeSpan.FromDays(179), card.WakeUpAt);

        var market = h.At(authorizedAt + TimeSpan.FromDays(179)).When(new WakeUp());
        Assert.Equal("market", Assert.Single(market.Outcomes).Data.DeadlineKind);
        Assert.Null(market.WakeUpAt);
        Assert.True(h.When(new WakeUp()).IsNoOp);
    }

    [Fact]
    public void the_danish_capture_deadline_is_fourteen_days()
    {
        var dkk = new PaymentRequested(SalesUnit, Reference, new Money(10_000, Currency.DKK), UserFlow.WebRedirect, "https://shop.example/r", null, null, PaymentMethodType.Wallet);
        var h = Harnesses.Epayment().Given(dkk).GivenResult(c => new PaymentCreated(c.Key, "https://x.example"))
            .After(Seconds5).Given(new WakeUp());
        h.GivenResult(c => new PaymentRead(c.Key, VippsPaymentState.Authorized, new PaymentAggregate(new Money(10_000, Currency.DKK), new Money(0, Currency.DKK), new Money(0, Currency.DKK), new Money(0, Currency.DKK))));
        var authorizedAt = h.State.AuthorizedAt!.Value;
        h.At(authorizedAt + TimeSpan.FromDays(6)).Given(new WakeUp());

        var decision = h.At(authorizedAt + TimeSpan.FromDays(13)).When(new WakeUp());

        Assert.Equal(authorizedAt + TimeSpan.FromDays(14), Assert.Single(decision.Outcomes).Data.Deadline);
    }

    [Fact]
    public void a_fully_captured_payment_gets_no_deadline_warning()
    {
        var h = Captured(10_000);

        Assert.Null(new EpaymentDecider().NextWakeUp(h.State));
        Assert.True(h.After(TimeSpan.FromDays(6)).When(new WakeUp()).IsNoOp);
    }

    [Fact]
    public void the_deadline_lead_time_is_configurable()
    {
        var decider = new EpaymentDecider(new EpaymentOptions { CaptureDeadlineLead = TimeSpan.FromDays(2) });
        var h = Authorized(harness: Harnesses.Epayment(decider));

        Assert.Equal(h.State.AuthorizedAt!.Value + TimeSpan.FromDays(5), decider.NextWakeUp(h.State));
    }

    [Fact]
    public void a_read_after_authorization_refreshes_the_aggregate_without_outcomes()
    {
        var h = Authorized().Given(new WebhookReceived("epayments.payment.captured.v1"));

        var decision = h.WhenResult(c => new PaymentRead(c.Key, VippsPaymentState.Authorized, Aggregate(10_000, 3_000)));

        Assert.Empty(decision.Outcomes);
        Assert.Equal(3_000, h.State.Aggregate.Captured.MinorUnits);
    }

    [Fact]
    public void an_inconsistent_aggregate_from_vipps_needs_attention()
    {
        var h = Created().After(Seconds5).Given(new WakeUp());

        h.WhenResult(c => new PaymentRead(c.Key, VippsPaymentState.Authorized, Aggregate(10_000, 12_000)));

        Assert.Equal(EpaymentStatus.NeedsAttention, h.State.Status);
    }

    [Fact]
    public void an_input_for_another_payment_is_rejected()
    {
        var other = PaymentRequested() with { Reference = PaymentReference.Create("order-99999").Value };

        Assert.Equal("wrong-saga", Harnesses.Epayment().When(other).Rejection?.Code);
    }

    [Fact]
    public void a_recurring_request_routed_to_a_payment_saga_is_rejected()
    {
        var decision = Harnesses.Epayment().When(Samples.AgreementRequested());

        Assert.Equal("wrong-saga", decision.Rejection?.Code);
    }

    [Fact]
    public void a_recurring_result_is_not_for_the_epayment_saga()
    {
        var h = Harnesses.Epayment().Given(PaymentRequested());

        var decision = h.WhenResult(c => new Domain.Recurring.AgreementStopSucceeded(c.Key));

        Assert.Equal("result-does-not-match-command", decision.Rejection?.Code);
    }

    [Fact]
    public void refund_of_an_unknown_payment_is_rejected()
    {
        Assert.Equal("unknown-payment", Harnesses.Epayment().When(Refund("ref-1", 100)).Rejection?.Code);
    }

    [Fact]
    public void refund_in_another_currency_or_of_zero_is_rejected()
    {
        var h = Captured(6_000);

        Assert.Equal("currency-mismatch", h.When(new PaymentRefundRequested(SalesUnit, Reference, "ref-1", new Money(100, Currency.EUR), "r", "f")).Rejection?.Code);
        Assert.Equal("amount-not-positive", h.When(Refund("ref-2", 0)).Rejection?.Code);
    }

    [Fact]
    public void a_null_input_is_rejected_not_thrown()
    {
        Assert.Equal("not-for-this-saga", new EpaymentDecider().Decide(EpaymentState.New(PaymentKey), null!, SagaHarness<EpaymentState>.T0, null).Rejection?.Code);
    }

    [Fact]
    public void a_rejection_changes_nothing_and_keeps_the_wake_up()
    {
        var h = Created();
        var before = h.State;

        var decision = h.When(Capture("cap-1", 100));

        Assert.Same(before, h.State);
        Assert.Empty(decision.Commands);
        Assert.Equal(h.Now + Seconds5, decision.WakeUpAt);
    }
}
