using PaymentOrchestrator.Testing.Chaos;
using PaymentOrchestrator.Testing.Sagas;
using System.Text;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Tests.Support;
using PaymentOrchestrator.Orchestration.Webhooks;
using PaymentOrchestrator.Vipps;

namespace PaymentOrchestrator.Orchestration.Tests.Running;

public sealed class RecurringSagaFlowTests
{
    private const string Msn = SagaHarness.Msn;

    [Fact]
    public async Task an_agreement_is_drafted_activated_by_a_webhook_routed_through_the_index_and_its_charge_is_charged()
    {
        await using var h = await SagaHarness.StartAsync();
        var registered = new Uri("https://orchestrator.example/api/vipps/webhooks");
        h.Get<WebhookSecrets>().Add(registered, new Secret("recurring-secret"));
        var subscription = "sub-" + Guid.NewGuid().ToString("N")[..12];

        var drafted = await h.SendSettledAsync(Events.AgreementRequested(Msn, subscription, 29_900));
        var pending = Assert.IsType<AgreementState>(drafted.State);
        Assert.Equal(AgreementStatus.Pending, pending.Status);
        Assert.NotNull(pending.AgreementId);
        Assert.False(string.IsNullOrEmpty(pending.ConfirmationUrl));

        await h.Simulator.Admin.AcceptAgreementAsync(Msn, pending.AgreementId!);
        var body = Encoding.UTF8.GetBytes($$"""{"msn":"{{Msn}}","agreementId":"{{pending.AgreementId}}","eventType":"recurring.agreement-activated.v1","actor":"USER"}""");
        var (date, hash, authorization) = WebhookSignature.Sign(body, registered, h.Clock.GetUtcNow(), "recurring-secret");
        var webhook = Assert.IsType<WebhookApplied>(await h.Get<WebhookProcessor>().ProcessAsync(body, date, hash, authorization));
        await h.SignalAsync(webhook.Progress);
        Assert.Equal(AgreementStatus.Active, Assert.IsType<AgreementState>((await h.SettledAsync(webhook.Saga)).State).Status);

        var chargeId = "chg-" + Guid.NewGuid().ToString("N")[..12];
        var due = DateOnly.FromDateTime(h.Clock.GetUtcNow().UtcDateTime).AddDays(2);
        var created = await h.SendSettledAsync(Events.ChargeRequested(Msn, chargeId, pending.AgreementId!, 29_900, due));
        Assert.Contains(Assert.IsType<ChargeState>(created.State).Status, new[] { ChargeStatus.Pending, ChargeStatus.Due });

        // The due date passes at Vipps; the saga's own wake-up around the due date reads the charge back.
        await h.Simulator.Admin.AdvanceClockAsync(TimeSpan.FromDays(3));
        var chargeKey = Domain.Values.SagaKey.Charge(Domain.Values.Msn.Create(Msn).Value, Domain.Values.ChargeId.Create(chargeId).Value);
        ChargeState charge;
        var wakes = 0;
        do
        {
            charge = (ChargeState)(await h.WakeAsync(chargeKey)).State;
        }
        while (charge.Status != ChargeStatus.Charged && ++wakes < 20);

        Assert.Equal(ChargeStatus.Charged, charge.Status);
        var published = await h.PublishedTypesAsync();
        Assert.Contains("agreement.pending.v1", published);
        Assert.Contains("agreement.activated.v1", published);
        Assert.Contains("charge.charged.v1", published);
    }

    [Fact]
    public async Task an_initial_charge_reserved_at_acceptance_gets_a_saga_of_its_own_and_is_captured_like_any_charge()
    {
        await using var h = await SagaHarness.StartAsync();
        var subscription = "sub-" + Guid.NewGuid().ToString("N")[..12];
        var pending = Assert.IsType<AgreementState>((await h.SendSettledAsync(
            Events.AgreementRequested(Msn, subscription, 19_900, initialCharge: "RESERVE_CAPTURE"))).State);
        Assert.NotNull(pending.InitialChargeId);

        // The customer accepts: Vipps reserves the initial charge; the agreement's next read sees it active.
        await h.Simulator.Admin.AcceptAgreementAsync(Msn, pending.AgreementId!);
        var activated = await h.WakeAsync(pending.Key);
        Assert.Equal(AgreementStatus.Active, Assert.IsType<AgreementState>(activated.State).Status);

        // The agreement's step handed the charge over and started its saga, which read it reserved.
        var chargeKey = Domain.Values.SagaKey.Charge(Domain.Values.Msn.Create(Msn).Value, Domain.Values.ChargeId.Create(pending.InitialChargeId!).Value);
        var reserved = Assert.IsType<ChargeState>((await h.SettledAsync(chargeKey)).State);
        Assert.Equal(ChargeStatus.Reserved, reserved.Status);
        Assert.Equal(pending.AgreementId, reserved.Request!.AgreementId);
        Assert.Equal(19_900, reserved.AmountMinorUnits);
        Assert.Equal(subscription, reserved.Request.SubscriptionId?.Value);

        // A step retried after a crash between its apply and its signal hands the charge over again, under the same event
        // id (the command's key): a duplicate at the charge saga, which changes nothing.
        var handedOver = Assert.Single(await h.Sagas.TimelineAsync(chargeKey), e => e.Source == Durable.SagaActivities.AgreementsSource);
        var again = await h.Get<SagaRunner>().ApplyAsync(chargeKey, new InitialChargeAdopted(reserved.Request),
            new EventOrigin(handedOver.EventId!, Durable.SagaActivities.AgreementsSource, Durable.SagaActivities.InitialChargeType));
        Assert.Equal(ApplyStatus.Duplicate, again.Status);
        Assert.Equal(ChargeStatus.Reserved, Assert.IsType<ChargeState>((await h.Sagas.LoadAsync(chargeKey))!.State).Status);

        // The webshop captures it as it would any reserved charge: the money moves at Vipps.
        var captured = Assert.IsType<ChargeState>((await h.SendSettledAsync(Events.ChargeCaptureRequested(Msn, pending.InitialChargeId!, "cap-1", 19_900))).State);
        Assert.Equal(ChargeStatus.Charged, captured.Status);
        Assert.Equal(19_900, captured.Summary.Captured.MinorUnits);
        var vipps = h.Get<Vipps.Recurring.VippsRecurringClient>();
        var atVipps = await vipps.GetChargeAsync(MerchantSerialNumber.Create(Msn), pending.AgreementId!, pending.InitialChargeId!);
        Assert.Equal(19_900, atVipps.Summary?.Captured);

        var published = await h.PublishedTypesAsync();
        Assert.Contains("agreement.activated.v1", published);
        Assert.Contains("charge.reserved.v1", published);
        Assert.Contains("charge.charged.v1", published);
        // The hand-over was answered once: nothing is left in the agreement's outbox.
        Assert.Empty(((AgreementState)(await h.SettledAsync(pending.Key)).State).Core.Outbox);
    }

    [Fact]
    public async Task an_initial_charge_taken_at_acceptance_can_be_refunded_through_its_own_saga()
    {
        await using var h = await SagaHarness.StartAsync();
        var pending = Assert.IsType<AgreementState>((await h.SendSettledAsync(
            Events.AgreementRequested(Msn, "sub-" + Guid.NewGuid().ToString("N")[..12], 9_900, initialCharge: "DIRECT_CAPTURE"))).State);
        await h.Simulator.Admin.AcceptAgreementAsync(Msn, pending.AgreementId!);
        await h.WakeAsync(pending.Key);

        var chargeKey = Domain.Values.SagaKey.Charge(Domain.Values.Msn.Create(Msn).Value, Domain.Values.ChargeId.Create(pending.InitialChargeId!).Value);
        Assert.Equal(ChargeStatus.Charged, Assert.IsType<ChargeState>((await h.SettledAsync(chargeKey)).State).Status);
        var refunded = Assert.IsType<ChargeState>((await h.SendSettledAsync(Events.ChargeRefundRequested(Msn, pending.InitialChargeId!, "rf-1", 4_000))).State);

        Assert.Equal(ChargeStatus.PartiallyRefunded, refunded.Status);
        Assert.Equal(4_000, refunded.Summary.Refunded.MinorUnits);
        Assert.Contains("charge.refunded.v1", await h.PublishedTypesAsync());
    }

    [Fact]
    public async Task a_profile_scope_reaches_vipps_with_the_agreement_and_the_accepted_agreement_has_a_userinfo_subject()
    {
        await using var h = await SagaHarness.StartAsync();
        var scoped = Assert.IsType<AgreementState>((await h.SendSettledAsync(
            Events.AgreementRequested(Msn, "sub-" + Guid.NewGuid().ToString("N")[..12], 29_900, profileScope: ["phoneNumber", "name"]))).State);
        var plain = Assert.IsType<AgreementState>((await h.SendSettledAsync(
            Events.AgreementRequested(Msn, "sub-" + Guid.NewGuid().ToString("N")[..12], 29_900))).State);
        await h.Simulator.Admin.AcceptAgreementAsync(Msn, scoped.AgreementId!);
        await h.Simulator.Admin.AcceptAgreementAsync(Msn, plain.AgreementId!);

        var vipps = h.Get<Vipps.Recurring.VippsRecurringClient>();
        var msn = MerchantSerialNumber.Create(Msn);
        Assert.False(string.IsNullOrEmpty((await vipps.GetAgreementAsync(msn, scoped.AgreementId!)).Sub));
        Assert.Null((await vipps.GetAgreementAsync(msn, plain.AgreementId!)).Sub);
        Assert.Equal("name phoneNumber", scoped.Request!.ProfileScope!.Value.Value);
    }
}
