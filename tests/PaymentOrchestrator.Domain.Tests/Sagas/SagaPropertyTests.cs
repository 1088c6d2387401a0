using FsCheck.Xunit;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Tests.Support;
using PaymentOrchestrator.Domain.Values;
using static PaymentOrchestrator.Domain.Tests.Support.Samples;

namespace PaymentOrchestrator.Domain.Tests.Sagas;

/// <summary>
/// Random sequences of requests, results (as a consistent Vipps would answer), failures, replays, webhooks and
/// wake-ups. Whatever the order: money invariants hold, no logical operation gets two keys, keys stay valid, nothing
/// throws.
/// </summary>
public class SagaPropertyTests
{
    private static readonly string[] Ids = ["a", "b", "c", "d"];
    private static readonly long[] Amounts = [0, 1, 1_500, 2_500, 4_000, 10_000, 12_000];

    [Property(MaxTest = 300)]
    public void epayment_money_invariants_and_keys_hold_over_random_sequences(int[] script) => RunEpayment(script);

    [Fact]
    public void random_sequences_do_reach_captures_refunds_cancels_and_attention()
    {
        var random = new Random(42);
        var commands = new HashSet<string>(StringComparer.Ordinal);
        var statuses = new HashSet<EpaymentStatus>();
        for (var run = 0; run < 300; run++)
        {
            var script = Enumerable.Range(0, 60).Select(_ => random.Next()).ToArray();
            var (issued, final) = RunEpayment(script);
            commands.UnionWith(issued.Select(c => c.GetType().Name));
            statuses.Add(final.Status);
        }

        Assert.Superset(new HashSet<string> { "CreatePayment", "GetPayment", "CapturePayment", "RefundPayment", "CancelPayment" }, commands);
        Assert.Contains(EpaymentStatus.NeedsAttention, statuses);
        Assert.Contains(EpaymentStatus.Authorized, statuses);
    }

    private static (List<VippsCommand> Issued, EpaymentState Final) RunEpayment(int[] script)
    {
        var issued = new List<VippsCommand>();
        var decider = new EpaymentDecider();
        var state = EpaymentState.New(PaymentKey);
        var now = SagaHarness<EpaymentState>.T0;
        var ledger = new KeyLedger();
        var rows = new Dictionary<(OperationKind Kind, string Id), OperationContent>();
        SagaInput? lastResult = null;

        foreach (var step in script ?? [])
        {
            var pick = (int)((uint)step % 97);
            var input = EpaymentInput(pick, state, ref now, ref lastResult);
            var decision = decider.Decide(state, input, now, Recorded(rows, state, input));
            foreach (var command in decision.Commands)
            {
                ledger.Record(command);
                issued.Add(command);
            }

            state = decision.Events.Aggregate(state, EpaymentDecider.Evolve);
            decision.Events.ToList().ForEach(e => SagaHarness<EpaymentState>.Record(rows, e));

            Assert.True(state.Aggregate.IsConsistent, $"aggregate inconsistent: {state.Aggregate}");
            Assert.True(state.CapturableMinorUnits >= 0, "captures in flight exceed authorized − captured − cancelled");
            Assert.True(state.RefundableMinorUnits >= 0, "refunds in flight exceed captured − refunded");
            Assert.True(state.Aggregate.Captured.MinorUnits <= state.Aggregate.Authorized.MinorUnits - state.Aggregate.Cancelled.MinorUnits);
            Assert.True(state.Aggregate.Refunded.MinorUnits <= state.Aggregate.Captured.MinorUnits);
            if (state.Core.Head is not null && state.Status != EpaymentStatus.NeedsAttention)
            {
                Assert.NotNull(decision.WakeUpAt);
            }

            Assert.All(state.Core.Outbox, e => ledger.Record(e.Command));
        }

        return (issued, state);
    }

    private static SagaInput EpaymentInput(int pick, EpaymentState state, ref DateTimeOffset now, ref SagaInput? lastResult)
    {
        var id = Ids[pick % Ids.Length];
        var amount = Amounts[pick % Amounts.Length];
        switch (pick % 12)
        {
            case 0 or 1:
                return PaymentRequested();
            case 2:
                return Capture(id, amount);
            case 3:
                return Refund(id, amount);
            case 4:
                return Cancel();
            case 5:
                now += pick % 3 == 0 ? TimeSpan.FromDays(pick % 9) : TimeSpan.FromSeconds(pick % 40);
                return new WakeUp();
            case 6:
                return new WebhookReceived("epayments.payment.authorized.v1");
            case 7 when state.Core.Head is { } head:
                return lastResult = new CommandFailedTransient(head.Command.Key, Problem(503));
            case 8 when state.Core.Head is { } head && pick % 5 == 0:
                return lastResult = new CommandFailedPermanent(head.Command.Key, Problem(400, "6140"));
            case 9 when lastResult is not null:
                return lastResult;
            default:
                return state.Core.Head is { } h ? lastResult = Answer(h.Command, state, pick) : new WakeUp();
        }
    }

    /// <summary>What a consistent Vipps answers to the command in flight, given what it knows (the saga's aggregate).</summary>
    private static SagaInput Answer(VippsCommand command, EpaymentState state, int pick)
    {
        var authorized = state.Request?.Amount.MinorUnits ?? 0;
        var a = state.Aggregate;
        return command switch
        {
            CreatePayment => new PaymentCreated(command.Key, "https://pay.vipps.no/x"),
            GetPayment when state.Status == EpaymentStatus.Authorized => new PaymentRead(command.Key, VippsPaymentState.Authorized, a),
            GetPayment => (pick % 4) switch
            {
                0 => new PaymentRead(command.Key, VippsPaymentState.Created, Aggregate(0)),
                1 => new PaymentRead(command.Key, VippsPaymentState.Aborted, Aggregate(0)),
                2 => new PaymentRead(command.Key, VippsPaymentState.Expired, Aggregate(0)),
                _ => new PaymentRead(command.Key, VippsPaymentState.Authorized, Aggregate(authorized)),
            },
            CapturePayment c => new CaptureSucceeded(command.Key, a with { Captured = a.Captured with { MinorUnits = a.Captured.MinorUnits + c.Amount.MinorUnits } }),
            RefundPayment r => new RefundSucceeded(command.Key, a with { Refunded = a.Refunded with { MinorUnits = a.Refunded.MinorUnits + r.Amount.MinorUnits } }),
            CancelPayment when state.Status == EpaymentStatus.Authorized =>
                new CancelSucceeded(command.Key, VippsPaymentState.Authorized, a with { Cancelled = a.Cancelled with { MinorUnits = a.Cancelled.MinorUnits + a.RemainingMinorUnits } }),
            CancelPayment => new CancelSucceeded(command.Key, VippsPaymentState.Terminated, Aggregate(0)),
            _ => new WakeUp(),
        };
    }

    [Property(MaxTest = 300)]
    public void charge_money_invariants_and_keys_hold_over_random_sequences(int[] script)
    {
        var decider = new ChargeDecider();
        var state = ChargeState.New(ChargeKey);
        var now = SagaHarness<ChargeState>.T0;
        var ledger = new KeyLedger();
        var rows = new Dictionary<(OperationKind Kind, string Id), OperationContent>();
        SagaInput? lastResult = null;

        foreach (var step in script ?? [])
        {
            var pick = (int)((uint)step % 97);
            var id = Ids[pick % Ids.Length];
            var amount = new[] { 0L, 100, 9_900, 20_000, 29_900, 30_000 }[pick % 6];
            SagaInput input = (pick % 11) switch
            {
                0 => ChargeRequested(type: pick % 2 == 0 ? Domain.Contracts.ChargeTransactionType.ReserveCapture : Domain.Contracts.ChargeTransactionType.DirectCapture),
                1 => new Domain.Contracts.ChargeCaptureRequested(SalesUnit, Samples.Charge, id, Nok(amount), null),
                2 => new Domain.Contracts.ChargeRefundRequested(SalesUnit, Samples.Charge, id, Nok(amount), "r", "f", null),
                3 => new Domain.Contracts.ChargeCancelRequested(SalesUnit, Samples.Charge),
                4 => Advance(ref now, pick),
                5 => new WebhookReceived("recurring.charge-captured.v1"),
                6 when state.Core.Head is { } head => new CommandFailedTransient(head.Command.Key, Problem(503)),
                7 when lastResult is not null => lastResult,
                _ => state.Core.Head is { } h ? lastResult = ChargeAnswer(h.Command, state, pick) : Advance(ref now, pick),
            };
            var decision = decider.Decide(state, input, now, Recorded(rows, state, input));
            foreach (var command in decision.Commands)
            {
                ledger.Record(command);
            }

            state = decision.Events.Aggregate(state, ChargeDecider.Evolve);
            decision.Events.ToList().ForEach(e => SagaHarness<ChargeState>.Record(rows, e));
            var s = state.Summary;
            Assert.True(s.Captured.MinorUnits + s.Cancelled.MinorUnits <= state.AmountMinorUnits, $"captured {s.Captured} + cancelled {s.Cancelled} > amount");
            Assert.True(s.Refunded.MinorUnits <= s.Captured.MinorUnits, "refunded > captured");
            Assert.True(state.CapturableMinorUnits >= 0 || state.Status is ChargeStatus.Cancelled);
            Assert.True(state.RefundableMinorUnits >= 0);
        }
    }

    private static WakeUp Advance(ref DateTimeOffset now, int pick)
    {
        now += TimeSpan.FromHours(pick % 30);
        return new WakeUp();
    }

    private static SagaInput ChargeAnswer(VippsCommand command, ChargeState state, int pick) => command switch
    {
        CreateCharge => new ChargeCreated(command.Key),
        GetCharge when state.Status is ChargeStatus.Pending or ChargeStatus.Due or ChargeStatus.Processing => (pick % 4) switch
        {
            0 => new ChargeRead(command.Key, VippsChargeStatus.Due, null, null, null),
            1 => new ChargeRead(command.Key, VippsChargeStatus.Failed, null, "technical_error", null),
            _ => state.Request!.TransactionType == Domain.Contracts.ChargeTransactionType.ReserveCapture
                ? new ChargeRead(command.Key, VippsChargeStatus.Reserved, null, null, null)
                : new ChargeRead(command.Key, VippsChargeStatus.Charged, null, null, null),
        },
        GetCharge => new ChargeRead(command.Key, ToVipps(state.Status), state.Summary, null, null),
        CaptureCharge => new ChargeCaptureSucceeded(command.Key),
        RefundCharge => new ChargeRefundSucceeded(command.Key),
        CancelCharge => new ChargeCancelSucceeded(command.Key),
        _ => new WakeUp(),
    };

    private static VippsChargeStatus ToVipps(ChargeStatus status) =>
        Enum.TryParse<VippsChargeStatus>(status.ToString(), out var vipps) ? vipps : VippsChargeStatus.Pending;

    [Property(MaxTest = 200)]
    public void agreement_keys_hold_over_random_sequences(int[] script)
    {
        var decider = new AgreementDecider();
        var state = AgreementState.New(AgreementKey);
        var now = SagaHarness<AgreementState>.T0;
        var ledger = new KeyLedger();
        var rows = new Dictionary<(OperationKind Kind, string Id), OperationContent>();
        SagaInput? lastResult = null;
        foreach (var step in script ?? [])
        {
            var pick = (int)((uint)step % 97);
            SagaInput input = (pick % 7) switch
            {
                0 => AgreementRequested(),
                1 => new Domain.Contracts.AgreementStopRequested(SalesUnit, Subscription),
                2 => Advance(ref now, pick),
                3 => new WebhookReceived("recurring.agreement-activated.v1"),
                4 when lastResult is not null => lastResult,
                5 when state.Core.Head is { } head => new CommandFailedTransient(head.Command.Key, Problem(null)),
                _ => state.Core.Head?.Command switch
                {
                    DraftAgreement d => lastResult = new AgreementDrafted(d.Key, "agr_1", "https://pay.vipps.no/c", null),
                    GetAgreement g => lastResult = new AgreementRead(g.Key, (VippsAgreementStatus)(pick % 4)),
                    StopAgreement s => lastResult = new AgreementStopSucceeded(s.Key),
                    _ => new WakeUp(),
                },
            };
            var decision = decider.Decide(state, input, now);
            foreach (var command in decision.Commands)
            {
                ledger.Record(command);
            }

            state = decision.Events.Aggregate(state, AgreementDecider.Evolve);
            Assert.False(state.Status == AgreementStatus.Active && state.AgreementId is null);
        }
    }

    [Property(MaxTest = 500)]
    public void derived_keys_are_valid_and_at_most_forty_characters(int sequence, int msnSeed, string? id)
    {
        var msn = Msn.Create(((uint)msnSeed % 900_000 + 1000).ToString(System.Globalization.CultureInfo.InvariantCulture)).Value;
        var saga = new SagaKey(SagaKind.Payment, msn, id ?? string.Empty);
        var seq = (int)((uint)sequence % int.MaxValue);

        foreach (var operation in new[] { "create", "get", "capture", "refund", "cancel", "draft", "stop", "abcdefghijkl" })
        {
            var key = IdempotencyKey.Derive(operation, seq, saga);
            Assert.True(IdempotencyKey.Create(key.Value).IsValid);
            Assert.True(key.Value.Length <= 40);
            Assert.Equal(key, IdempotencyKey.Derive(operation, seq, saga));
        }
    }

    /// <summary>What the runner would read from the row of the operation the input names.</summary>
    private static OperationContent? Recorded(Dictionary<(OperationKind Kind, string Id), OperationContent> rows, ISagaState state, SagaInput input) =>
        SagaDeciders.OperationNamedBy(state, input) is { } named ? rows.GetValueOrDefault(named) : null;
}
