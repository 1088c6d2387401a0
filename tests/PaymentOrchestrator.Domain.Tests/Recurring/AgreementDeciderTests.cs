using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Tests.Support;
using PaymentOrchestrator.Domain.Values;
using static PaymentOrchestrator.Domain.Tests.Support.Samples;

namespace PaymentOrchestrator.Domain.Tests.Recurring;

public class AgreementDeciderTests
{
    private static AgreementStopRequested Stop() => new(SalesUnit, Subscription);

    private static SagaHarness<AgreementState> Pending() =>
        Harnesses.Agreement().Given(AgreementRequested())
            .GivenResult(c => new AgreementDrafted(c.Key, "agr_5kSeqz", "https://pay.vipps.no/confirm/agr_5kSeqz", null));

    /// <summary>Drafted with a reserved initial charge of 99 kr, which Vipps gave the id <c>chr-7Hq2</c>.</summary>
    private static SagaHarness<AgreementState> PendingWithInitialCharge() =>
        Harnesses.Agreement().Given(AgreementRequested() with { InitialCharge = new InitialCharge(Nok(9_900), "First month", ChargeTransactionType.ReserveCapture) })
            .GivenResult(c => new AgreementDrafted(c.Key, "agr_5kSeqz", "https://pay.vipps.no/confirm/agr_5kSeqz", "chr-7Hq2"));

    private static SagaHarness<AgreementState> Active()
    {
        var h = Pending().After(TimeSpan.FromSeconds(5)).Given(new WakeUp());
        return h.GivenResult(c => new AgreementRead(c.Key, VippsAgreementStatus.Active));
    }

    [Fact]
    public void agreement_request_issues_one_draft_with_a_stable_key()
    {
        var h = Harnesses.Agreement();

        var decision = h.When(AgreementRequested());

        var draft = Assert.IsType<DraftAgreement>(Assert.Single(decision.Commands));
        Assert.Equal(IdempotencyKey.Derive("draft", 1, AgreementKey), draft.Key);
        Assert.Equal("Coffee subscription", draft.Draft.ProductName);
        Assert.Equal(AgreementStatus.Drafting, h.State.Status);
    }

    [Fact]
    public void a_repeated_agreement_request_is_a_no_op_and_a_different_one_is_rejected()
    {
        var h = Harnesses.Agreement().Given(AgreementRequested());

        Assert.True(h.When(AgreementRequested()).IsNoOp);
        Assert.Equal("subscription-already-requested", h.When(AgreementRequested() with { ProductName = "Tea" }).Rejection?.Code);
    }

    [Fact]
    public void a_drafted_agreement_publishes_pending_with_the_confirmation_url_and_polls()
    {
        var h = Harnesses.Agreement().Given(AgreementRequested());

        var decision = h.WhenResult(c => new AgreementDrafted(c.Key, "agr_5kSeqz", "https://pay.vipps.no/confirm/agr_5kSeqz", "chr-1"));

        var outcome = Assert.Single(decision.Outcomes);
        Assert.Equal(OutgoingEventTypes.AgreementPending, outcome.Type);
        Assert.Equal("https://pay.vipps.no/confirm/agr_5kSeqz", outcome.Data.ConfirmationUrl);
        Assert.Equal("agr_5kSeqz", outcome.Data.AgreementId);
        Assert.Equal("chr-1", outcome.Data.InitialChargeId);
        Assert.Equal(AgreementStatus.Pending, h.State.Status);
        Assert.Equal(h.Now + TimeSpan.FromSeconds(5), decision.WakeUpAt);
    }

    [Fact]
    public void a_pending_read_schedules_the_next_poll_with_backoff()
    {
        var h = Pending().After(TimeSpan.FromSeconds(5));
        Assert.IsType<GetAgreement>(Assert.Single(h.When(new WakeUp()).Commands));

        var decision = h.WhenResult(c => new AgreementRead(c.Key, VippsAgreementStatus.Pending));

        Assert.Equal(h.Now + TimeSpan.FromSeconds(2), decision.WakeUpAt);
    }

    [Fact]
    public void an_active_read_publishes_activated_and_stops_polling()
    {
        var h = Pending().After(TimeSpan.FromSeconds(5)).Given(new WakeUp());

        var decision = h.WhenResult(c => new AgreementRead(c.Key, VippsAgreementStatus.Active));

        Assert.Equal(OutgoingEventTypes.AgreementActivated, Assert.Single(decision.Outcomes).Type);
        Assert.Equal(AgreementStatus.Active, h.State.Status);
        Assert.Null(decision.WakeUpAt);
    }

    [Fact]
    public void an_agreement_with_an_initial_charge_hands_it_to_its_own_charge_saga_once_active()
    {
        var h = PendingWithInitialCharge().After(TimeSpan.FromSeconds(5)).Given(new WakeUp());

        var decision = h.WhenResult(c => new AgreementRead(c.Key, VippsAgreementStatus.Active));

        Assert.Equal("chr-7Hq2", Assert.Single(decision.Outcomes).Data.InitialChargeId);
        var handOver = Assert.IsType<HandOverInitialCharge>(Assert.Single(decision.Commands));
        Assert.Equal(IdempotencyKey.Derive("initial", 3, AgreementKey), handOver.Key);
        Assert.Equal(SagaKey.Charge(SalesUnit, ChargeId.Create("chr-7Hq2").Value), handOver.Charge.SagaKey);
        Assert.Equal(("agr_5kSeqz", Nok(9_900), "First month", ChargeTransactionType.ReserveCapture, Subscription),
            (handOver.Charge.AgreementId, handOver.Charge.Amount, handOver.Charge.Description, handOver.Charge.TransactionType, handOver.Charge.SubscriptionId!.Value));
        Assert.Equal(DateOnly.FromDateTime(h.Now.UtcDateTime), handOver.Charge.Due);

        var done = h.WhenResult(c => new InitialChargeHandedOver(c.Key, null));
        Assert.Empty(done.Commands);
        Assert.Empty(h.State.Core.Outbox);
        Assert.Equal(AgreementStatus.Active, h.State.Status);
    }

    [Fact]
    public void an_agreement_seen_stopped_before_it_was_seen_active_still_hands_its_initial_charge_over()
    {
        var h = PendingWithInitialCharge().After(TimeSpan.FromSeconds(5)).Given(new WakeUp());

        var decision = h.WhenResult(c => new AgreementRead(c.Key, VippsAgreementStatus.Stopped));

        Assert.Equal(AgreementStatus.Stopped, h.State.Status);
        Assert.Equal("chr-7Hq2", Assert.IsType<HandOverInitialCharge>(Assert.Single(decision.Commands)).Charge.ChargeId.Value);
    }

    [Fact]
    public void an_agreement_without_an_initial_charge_hands_nothing_over()
    {
        var decision = Pending().After(TimeSpan.FromSeconds(5)).Given(new WakeUp())
            .WhenResult(c => new AgreementRead(c.Key, VippsAgreementStatus.Active));

        Assert.Empty(decision.Commands);
    }

    [Theory]
    [InlineData(VippsAgreementStatus.Stopped, AgreementStatus.Stopped, OutgoingEventTypes.AgreementStopped)]
    [InlineData(VippsAgreementStatus.Expired, AgreementStatus.Expired, OutgoingEventTypes.AgreementExpired)]
    public void a_final_read_while_pending_ends_the_agreement(VippsAgreementStatus read, AgreementStatus status, string outcome)
    {
        var h = Pending().After(TimeSpan.FromSeconds(5)).Given(new WakeUp());

        var decision = h.WhenResult(c => new AgreementRead(c.Key, read));

        Assert.Equal(outcome, Assert.Single(decision.Outcomes).Type);
        Assert.Equal(status, h.State.Status);
    }

    [Fact]
    public void an_agreement_still_pending_after_the_window_needs_attention()
    {
        var h = Pending().After(TimeSpan.FromMinutes(13)).Given(new WakeUp());

        var decision = h.WhenResult(c => new AgreementRead(c.Key, VippsAgreementStatus.Pending));

        Assert.Equal(AgreementStatus.NeedsAttention, h.State.Status);
        Assert.Equal(OutgoingEventTypes.AgreementNeedsAttention, Assert.Single(decision.Outcomes).Type);
    }

    [Fact]
    public void a_stale_pending_read_after_activation_changes_nothing()
    {
        var h = Active().Given(new WebhookReceived("recurring.agreement-activated.v1"));

        var decision = h.WhenResult(c => new AgreementRead(c.Key, VippsAgreementStatus.Pending));

        Assert.Empty(decision.Outcomes);
        Assert.Equal(AgreementStatus.Active, h.State.Status);
    }

    [Fact]
    public void a_webhook_on_an_active_agreement_reads_it_back_and_sees_the_customer_stop()
    {
        var h = Active();

        Assert.IsType<GetAgreement>(Assert.Single(h.When(new WebhookReceived("recurring.agreement-stopped.v1")).Commands));
        var decision = h.WhenResult(c => new AgreementRead(c.Key, VippsAgreementStatus.Stopped));

        Assert.Equal(OutgoingEventTypes.AgreementStopped, Assert.Single(decision.Outcomes).Type);
    }

    [Fact]
    public void stop_on_an_active_agreement_issues_one_stop_and_publishes_stopped()
    {
        var h = Active();

        var stop = Assert.IsType<StopAgreement>(Assert.Single(h.When(Stop()).Commands));
        Assert.Equal("agr_5kSeqz", stop.AgreementId);
        var decision = h.WhenResult(c => new AgreementStopSucceeded(c.Key));

        Assert.Equal(OutgoingEventTypes.AgreementStopped, Assert.Single(decision.Outcomes).Type);
        Assert.Equal(AgreementStatus.Stopped, h.State.Status);
    }

    [Fact]
    public void a_stop_refused_after_a_read_saw_the_customer_stop_the_agreement_needs_no_person()
    {
        var h = Active();
        Assert.IsType<GetAgreement>(Assert.Single(h.When(new WebhookReceived("recurring.agreement-stopped.v1")).Commands));
        h.Given(Stop());
        Assert.Equal(OutgoingEventTypes.AgreementStopped, Assert.Single(h.WhenResult(c => new AgreementRead(c.Key, VippsAgreementStatus.Stopped)).Outcomes).Type);

        // The stop queued behind the read is still sent; Vipps refuses to stop a stopped agreement.
        var decision = h.WhenResult(c => Assert.IsType<StopAgreement>(c) is var stop ? new CommandFailedPermanent(stop.Key, new VippsProblem(400, null, "Agreement is already STOPPED")) : null!);

        Assert.Empty(decision.Outcomes);
        Assert.Equal(AgreementStatus.Stopped, h.State.Status);
        Assert.Null(h.State.Core.Attention);
        Assert.True(h.State.Core.Outbox.IsEmpty);
    }

    [Fact]
    public void a_stop_refused_while_the_agreement_is_active_still_needs_a_person()
    {
        var h = Active();
        Assert.IsType<StopAgreement>(Assert.Single(h.When(Stop()).Commands));

        var decision = h.WhenResult(c => new CommandFailedPermanent(c.Key, new VippsProblem(400, null, "Refused")));

        Assert.Equal(OutgoingEventTypes.AgreementNeedsAttention, Assert.Single(decision.Outcomes).Type);
        Assert.NotNull(h.State.Core.Attention);
    }

    [Fact]
    public void a_repeated_stop_is_a_no_op()
    {
        var h = Active().Given(Stop());

        Assert.True(h.When(Stop()).IsNoOp);
    }

    [Fact]
    public void stop_while_drafting_is_sent_once_the_agreement_exists()
    {
        var h = Harnesses.Agreement().Given(AgreementRequested());

        Assert.Empty(h.When(Stop()).Commands);
        var decision = h.WhenResult(c => new AgreementDrafted(c.Key, "agr_5kSeqz", "https://pay.vipps.no/confirm/agr_5kSeqz", null));

        Assert.IsType<StopAgreement>(Assert.Single(decision.Commands));
    }

    [Fact]
    public void stop_of_an_unknown_agreement_is_rejected()
    {
        Assert.Equal("unknown-agreement", Harnesses.Agreement().When(Stop()).Rejection?.Code);
    }

    [Fact]
    public void stop_of_a_stopped_agreement_is_a_no_op()
    {
        var h = Active().Given(Stop()).GivenResult(c => new AgreementStopSucceeded(c.Key));

        Assert.True(h.When(Stop()).IsNoOp);
    }

    [Fact]
    public void a_permanent_draft_failure_needs_attention_and_rejects_a_later_stop()
    {
        var h = Harnesses.Agreement().Given(AgreementRequested());

        h.WhenResult(c => new CommandFailedPermanent(c.Key, Problem(400, "pricing")));

        Assert.Equal(AgreementStatus.NeedsAttention, h.State.Status);
        Assert.Equal("needs-attention", h.When(Stop()).Rejection?.Code);
    }

    [Fact]
    public void a_transient_draft_failure_retries_with_the_same_key()
    {
        var h = Harnesses.Agreement().Given(AgreementRequested());
        var key = h.Head.Key;

        var failed = h.WhenResult(c => new CommandFailedTransient(c.Key, Problem(429)));
        var retry = h.At(failed.WakeUpAt!.Value).When(new WakeUp());

        Assert.Equal(key, Assert.Single(retry.Commands).Key);
    }

    [Fact]
    public void an_input_for_another_subscription_is_rejected()
    {
        var other = AgreementRequested() with { SubscriptionId = SubscriptionId.Create("sub-43").Value };

        Assert.Equal("wrong-saga", Harnesses.Agreement().When(other).Rejection?.Code);
    }

    [Fact]
    public void a_result_of_the_wrong_kind_is_rejected_and_a_stale_one_ignored()
    {
        var h = Harnesses.Agreement().Given(AgreementRequested());

        Assert.Equal("result-does-not-match-command", h.WhenResult(c => new AgreementStopSucceeded(c.Key)).Rejection?.Code);
        Assert.True(h.When(new AgreementRead(IdempotencyKey.Derive("get", 7, AgreementKey), VippsAgreementStatus.Active)).IsNoOp);
    }
}
