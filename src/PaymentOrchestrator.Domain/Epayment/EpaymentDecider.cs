using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.CustomerDetails;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Epayment;

/// <summary>
/// The ePayment saga as a decider: Requested → Creating → AwaitingCustomer → Authorized | Aborted | Expired |
/// Terminated, plus captures, refunds and cancel on an authorized payment. Pure: time is an argument, repeats are
/// no-ops, illegal inputs are rejections, nothing throws. A capture or refund that is no longer in flight is known only
/// by its own row: the caller passes what that row recorded for the operation the input names
/// (<see cref="SagaDeciders.OperationNamedBy"/>).
/// </summary>
public sealed class EpaymentDecider(EpaymentOptions options)
{
    public EpaymentDecider()
        : this(new EpaymentOptions())
    {
    }

    /// <summary>The refusal of a capture request for a payment Vipps captures itself (a DirectCapture sales unit).</summary>
    public const string CapturedDirectlyCode = "captured-directly";

    public EpaymentOptions Options { get; } = options;

    /// <param name="recorded">What the row of the capture or refund the input names recorded; null when it has none.</param>
    public Decision Decide(EpaymentState state, SagaInput input, DateTimeOffset now, OperationContent? recorded)
    {
        ArgumentNullException.ThrowIfNull(state);
        var b = new DecisionBuilder<EpaymentState>(state, now, Options.Retry, Evolve, NextWakeUp);
        switch (input)
        {
            case IncomingData data when data.SagaKey != state.Key:
                return b.Reject("wrong-saga", $"{data.GetType().Name} for {data.SagaKey} was routed to saga {state.Key}.");
            case PaymentRequested request:
                return Request(b, request);
            case PaymentCaptureRequested capture:
                return Capture(b, capture, recorded);
            case PaymentRefundRequested refund:
                return Refund(b, refund, recorded);
            case PaymentCancelRequested:
                return Cancel(b);
            case WakeUp:
                return OnWakeUp(b);
            case WebhookReceived webhook:
                return ReadBack(b, webhook);
            case CommandResult result:
                return Result(b, result, recorded);
            default:
                return b.Reject("not-for-this-saga", $"{input?.GetType().Name ?? "null"} is not an ePayment input.");
        }
    }

    public static EpaymentState Evolve(EpaymentState state, SagaEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        return @event switch
        {
            PaymentRequestAccepted e => state with
            {
                Status = EpaymentStatus.Creating,
                Request = e.Request,
                RequestedAt = e.At,
                Aggregate = PaymentAggregate.Zero(e.Request.Amount.Currency),
            },
            PaymentCreationConfirmed e => state with
            {
                Status = state.Status == EpaymentStatus.Creating ? EpaymentStatus.AwaitingCustomer : state.Status,
                RedirectUrl = e.RedirectUrl,
                CreatedAt = e.At,
            },
            PaymentStateObserved e => state with
            {
                Status = e.State switch
                {
                    VippsPaymentState.Authorized => EpaymentStatus.Authorized,
                    VippsPaymentState.Aborted => EpaymentStatus.Aborted,
                    VippsPaymentState.Expired => EpaymentStatus.Expired,
                    VippsPaymentState.Terminated => EpaymentStatus.Terminated,
                    _ => state.Status,
                },
                AuthorizedAt = e.State == VippsPaymentState.Authorized ? state.AuthorizedAt ?? e.At : state.AuthorizedAt,
                Aggregate = e.Aggregate,
            },
            CaptureDeadlineWarned e => state with { DeadlinesWarned = state.DeadlinesWarned.Add(e.Kind) },
            PaymentCapturedDirectly => state with { CapturedDirectly = true },
            CaptureAccepted e => state with
            {
                InFlight = state.InFlight.Add(new InFlightOperation(OperationKind.Capture, e.Capture.CaptureId, e.Capture.Amount, e.Capture.Key)),
                CaptureCount = state.CaptureCount + 1,
            },
            CaptureConfirmed e => state with
            {
                InFlight = state.InFlight.RemoveAll(o => o.Kind == OperationKind.Capture && o.Id == e.CaptureId),
                Aggregate = e.Aggregate ?? state.Aggregate,
            },
            RefundAccepted e => state with
            {
                InFlight = state.InFlight.Add(new InFlightOperation(OperationKind.Refund, e.Refund.RefundId, e.Refund.Amount, e.Refund.Key)),
                RefundCount = state.RefundCount + 1,
            },
            RefundConfirmed e => state with
            {
                InFlight = state.InFlight.RemoveAll(o => o.Kind == OperationKind.Refund && o.Id == e.RefundId),
                Aggregate = e.Aggregate ?? state.Aggregate,
            },
            CancelAccepted e => state with { Cancel = e.Cancel },
            CancelConfirmed e => state with
            {
                Cancel = state.Cancel is null ? null : state.Cancel with { Status = OperationStatus.Succeeded },
                Status = e.State == VippsPaymentState.Terminated ? EpaymentStatus.Terminated
                    : e.State == VippsPaymentState.Authorized ? EpaymentStatus.Authorized
                    : state.Status,
                AuthorizedAt = e.State == VippsPaymentState.Authorized ? state.AuthorizedAt ?? state.CreatedAt : state.AuthorizedAt,
                Aggregate = e.Aggregate ?? state.Aggregate,
            },
            NeedsAttentionRaised e => state with { Status = EpaymentStatus.NeedsAttention, Core = state.Core.Apply(e) },
            _ => state with { Core = state.Core.Apply(@event) },
        };
    }

    /// <summary>The earliest of: the outbox head (due, or its timeout), the next poll, the next deadline warning.</summary>
    public DateTimeOffset? NextWakeUp(EpaymentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status == EpaymentStatus.NeedsAttention)
        {
            return null;
        }

        var warnings = PendingWarnings(state);
        return DecisionBuilder<EpaymentState>.Earliest(
            DecisionBuilder<EpaymentState>.HeadWakeUp(state.Core, Options.Retry),
            state.Core.NextPollAt,
            warnings.Length > 0 ? warnings.Min(w => w.WarnAt) : null);
    }

    /// <summary>The card-hold and market capture deadlines of an authorized payment.</summary>
    public (CaptureDeadlineKind Kind, DateTimeOffset Deadline)[] CaptureDeadlines(EpaymentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.AuthorizedAt is not { } authorizedAt || state.Request is null)
        {
            return [];
        }

        var market = state.Request.Amount.Currency.Market();
        return
        [
            (CaptureDeadlineKind.CardHold, authorizedAt + Options.CardHold),
            (CaptureDeadlineKind.Market, authorizedAt + TimeSpan.FromDays(market.CaptureDeadlineDays())),
        ];
    }

    private (CaptureDeadlineKind Kind, DateTimeOffset Deadline, DateTimeOffset WarnAt)[] PendingWarnings(EpaymentState state) =>
        state.Status != EpaymentStatus.Authorized || state.Aggregate.RemainingMinorUnits <= 0 || state.Cancel is not null
            ? []
            : CaptureDeadlines(state)
                .Where(d => !state.DeadlinesWarned.Contains(d.Kind))
                .Select(d => (d.Kind, d.Deadline, d.Deadline - Options.CaptureDeadlineLead))
                .ToArray();

    private static Decision Request(DecisionBuilder<EpaymentState> b, PaymentRequested request)
    {
        var state = b.State;
        if (state.Status != EpaymentStatus.New)
        {
            // What the intake learnt of the unit is not the webshop's request: a repeat sent after the unit's
            // capabilities changed is still a repeat.
            return state.Request is { } known && request with { SalesUnitCapturesDirectly = known.SalesUnitCapturesDirectly } == known
                ? b.Build()
                : b.Reject(
                    "reference-already-used",
                    $"Payment {request.Reference} was already requested with different details; a new attempt for the same order needs a new reference (e.g. a -2 suffix).");
        }

        b.Emit(new PaymentRequestAccepted(request, b.Now));
        b.Enqueue(new CreatePayment(
            b.Key,
            b.NextKey("create"),
            request.Reference,
            request.Amount,
            request.UserFlow,
            request.PaymentMethod,
            request.ReturnUrl,
            request.CustomerPhoneNumber,
            request.PaymentDescription,
            request.ProfileScope));
        return b.Build();
    }

    private static Decision Capture(DecisionBuilder<EpaymentState> b, PaymentCaptureRequested capture, OperationContent? recorded)
    {
        var state = b.State;
        if (state.Status == EpaymentStatus.New)
        {
            return b.Reject("unknown-payment", $"No payment {capture.Reference} has been requested for MSN {capture.Msn}.");
        }

        if (b.Repeat(OperationKind.Capture, capture.CaptureId, new OperationContent(capture.Amount, null, null), recorded, state.InFlight) is { } repeat)
        {
            return repeat;
        }

        if (state.Status == EpaymentStatus.NeedsAttention)
        {
            return b.Reject("needs-attention", "The payment needs attention; no new operations until it is resolved.");
        }

        if (state.CapturesDirectly)
        {
            return b.Reject(
                CapturedDirectlyCode,
                state.CapturedDirectly
                    ? $"Payment {capture.Reference} was captured directly by Vipps at authorization (DirectCapture sales unit {capture.Msn}): {state.Aggregate.Captured.MinorUnits} captured, nothing is left to capture."
                    : $"Sales unit {capture.Msn} captures directly (DirectCapture): Vipps captures payment {capture.Reference} when the customer authorizes; no capture is needed.");
        }

        if (state.Status != EpaymentStatus.Authorized)
        {
            return b.Reject("not-authorized", $"Only an authorized payment can be captured; this one is {state.Status}.");
        }

        if (state.Cancel is not null)
        {
            return b.Reject("cancelled", "The payment's uncaptured remainder was cancelled; nothing more can be captured.");
        }

        if (capture.Amount.Currency != state.Aggregate.Currency)
        {
            return b.Reject("currency-mismatch", $"The payment is in {state.Aggregate.Currency}; the capture is in {capture.Amount.Currency}.");
        }

        if (capture.Amount.MinorUnits <= 0)
        {
            return b.Reject("amount-not-positive", "A capture must be for more than 0.");
        }

        if (capture.Amount.MinorUnits > state.CapturableMinorUnits)
        {
            return b.Reject(
                "capture-exceeds-remaining",
                $"Capture of {capture.Amount.MinorUnits} exceeds what remains to capture ({state.CapturableMinorUnits} = authorized {state.Aggregate.Authorized.MinorUnits} − captured {state.Aggregate.Captured.MinorUnits} − cancelled {state.Aggregate.Cancelled.MinorUnits} − in flight {state.PendingCaptureMinorUnits}).");
        }

        if (b.BeyondInFlightCap(state.InFlight) is { } full)
        {
            return full;
        }

        var key = b.NextKey("capture");
        b.Emit(new CaptureAccepted(new CaptureRecord(capture.CaptureId, capture.Amount, key, OperationStatus.Pending)));
        b.Enqueue(new CapturePayment(b.Key, key, capture.Reference, capture.Amount, capture.CaptureId));
        return b.Build();
    }

    private static Decision Refund(DecisionBuilder<EpaymentState> b, PaymentRefundRequested refund, OperationContent? recorded)
    {
        var state = b.State;
        if (state.Status == EpaymentStatus.New)
        {
            return b.Reject("unknown-payment", $"No payment {refund.Reference} has been requested for MSN {refund.Msn}.");
        }

        var asked = new OperationContent(refund.Amount, refund.Reason, refund.RequestedBy);
        if (b.Repeat(OperationKind.Refund, refund.RefundId, asked, recorded, state.InFlight) is { } repeat)
        {
            return repeat;
        }

        if (state.Status == EpaymentStatus.NeedsAttention)
        {
            return b.Reject("needs-attention", "The payment needs attention; no new operations until it is resolved.");
        }

        if (state.Status != EpaymentStatus.Authorized)
        {
            return b.Reject("not-captured", $"Only a captured payment can be refunded; this one is {state.Status}.");
        }

        if (refund.Amount.Currency != state.Aggregate.Currency)
        {
            return b.Reject("currency-mismatch", $"The payment is in {state.Aggregate.Currency}; the refund is in {refund.Amount.Currency}.");
        }

        if (refund.Amount.MinorUnits <= 0)
        {
            return b.Reject("amount-not-positive", "A refund must be for more than 0.");
        }

        if (refund.Amount.MinorUnits > state.RefundableMinorUnits)
        {
            return b.Reject(
                "refund-exceeds-captured",
                $"Refund of {refund.Amount.MinorUnits} exceeds what may be refunded ({state.RefundableMinorUnits} = captured {state.Aggregate.Captured.MinorUnits} − refunded {state.Aggregate.Refunded.MinorUnits} − in flight {state.PendingRefundMinorUnits}).");
        }

        if (b.BeyondInFlightCap(state.InFlight) is { } full)
        {
            return full;
        }

        var key = b.NextKey("refund");
        b.Emit(new RefundAccepted(new RefundRecord(refund.RefundId, refund.Amount, refund.Reason, refund.RequestedBy, key, OperationStatus.Pending)));
        b.Enqueue(new RefundPayment(b.Key, key, refund.Reference, refund.Amount, refund.RefundId));
        return b.Build();
    }

    private static Decision Cancel(DecisionBuilder<EpaymentState> b)
    {
        var state = b.State;
        switch (state.Status)
        {
            case EpaymentStatus.New:
                return b.Reject("unknown-payment", $"No payment {state.Key.Id} has been requested for MSN {state.Key.Msn}.");
            case EpaymentStatus.Aborted or EpaymentStatus.Expired or EpaymentStatus.Terminated:
                return b.Build(); // already over: nothing to release
            case EpaymentStatus.NeedsAttention:
                return b.Reject("needs-attention", "The payment needs attention; no new operations until it is resolved.");
        }

        if (state.Cancel is not null)
        {
            return b.Build();
        }

        var beforeAuthorization = state.Status != EpaymentStatus.Authorized;
        if (!beforeAuthorization && state.CapturableMinorUnits <= 0)
        {
            return b.Reject(
                "nothing-to-cancel",
                "Everything authorized is captured (or being captured); a captured payment cannot be cancelled — refund it instead.");
        }

        var key = b.NextKey("cancel");
        b.Emit(new CancelAccepted(new CancelRecord(key, beforeAuthorization, OperationStatus.Pending)));
        b.Enqueue(new CancelPayment(b.Key, key, state.Request!.Reference));
        return b.Build();
    }

    private Decision OnWakeUp(DecisionBuilder<EpaymentState> b)
    {
        if (b.State.Status == EpaymentStatus.NeedsAttention)
        {
            return b.Build();
        }

        b.Pump();
        if (b.State.Core.NextPollAt is { } pollAt && pollAt <= b.Now)
        {
            b.Emit(new PollScheduled(null, b.State.Core.PollCount));
            QueueRead(b);
        }

        foreach (var warning in PendingWarnings(b.State).Where(w => w.WarnAt <= b.Now))
        {
            b.Emit(new CaptureDeadlineWarned(warning.Kind, warning.Deadline));
            b.Outcome(
                OutgoingEventTypes.PaymentCaptureDeadlineApproaching,
                warning.Kind.ToString(),
                Data(b.State) with
                {
                    Deadline = warning.Deadline,
                    DeadlineKind = warning.Kind == CaptureDeadlineKind.CardHold ? "card-hold" : "market",
                    Amount = MoneyData.From(new Money(b.State.Aggregate.RemainingMinorUnits, b.State.Aggregate.Currency)),
                });
        }

        return b.Build();
    }

    private static Decision ReadBack(DecisionBuilder<EpaymentState> b, WebhookReceived webhook)
    {
        if (b.State.Status is EpaymentStatus.AwaitingCustomer or EpaymentStatus.Authorized
            && !EpaymentWebhooks.TellsNothingNew(b.State, webhook.EventName))
        {
            QueueRead(b);
        }

        return b.Build();
    }

    private static void QueueRead(DecisionBuilder<EpaymentState> b)
    {
        if (!b.State.Core.HasQueued<GetPayment>())
        {
            b.Enqueue(new GetPayment(b.Key, b.NextKey("get"), b.State.Request!.Reference));
        }
    }

    private Decision Result(DecisionBuilder<EpaymentState> b, CommandResult result, OperationContent? recorded)
    {
        if (b.Head is not { } head || head.Command.Key != result.Key)
        {
            return b.Build(); // a repeated or stale result: the command it answers is no longer in flight
        }

        if (head.Command is ReadPaymentCustomerDetails)
        {
            return CustomerDetailsStep.Decide(b, head, result, OutgoingEventTypes.PaymentCustomerDetails, Data(b.State));
        }

        switch (result, head.Command)
        {
            case (PaymentCreated created, CreatePayment):
                b.Complete(created.Key);
                b.Emit(new PaymentCreationConfirmed(created.RedirectUrl, b.Now));
                if (b.State.Status == EpaymentStatus.AwaitingCustomer)
                {
                    b.Emit(new PollScheduled(b.Now + Options.Polling.FirstDelay, 0));
                }

                b.Outcome(OutgoingEventTypes.PaymentCreated, "created", Data(b.State) with { RedirectUrl = created.RedirectUrl });
                b.Pump();
                return b.Build();

            case (PaymentRead read, GetPayment):
                b.Complete(read.Key);
                Observe(b, read.State, read.Aggregate);
                b.Pump();
                return b.Build();

            case (CaptureSucceeded captured, CapturePayment command):
                b.Complete(captured.Key);
                b.Emit(new CaptureConfirmed(command.CaptureId, captured.Aggregate));
                b.Outcome(
                    OutgoingEventTypes.PaymentCaptured,
                    command.CaptureId,
                    Data(b.State) with { CaptureId = command.CaptureId, Amount = MoneyData.From(command.Amount) });
                b.Pump();
                return b.Build();

            case (RefundSucceeded refunded, RefundPayment command):
                b.Complete(refunded.Key);
                b.Emit(new RefundConfirmed(command.RefundId, refunded.Aggregate));
                b.Outcome(
                    OutgoingEventTypes.PaymentRefunded,
                    command.RefundId,
                    Data(b.State) with
                    {
                        RefundId = command.RefundId,
                        Amount = MoneyData.From(command.Amount),
                        Reason = recorded?.Reason,
                        RequestedBy = recorded?.RequestedBy,
                    });
                b.Pump();
                return b.Build();

            case (CancelSucceeded or CommandFailedPermanent, CancelPayment) when b.EndedMeanwhile:
                return b.CompleteQuietly(result.Key); // no second final outcome, no person called

            case (CancelSucceeded cancelled, CancelPayment):
                b.Complete(cancelled.Key);
                b.Emit(new CancelConfirmed(cancelled.State, cancelled.Aggregate));
                if (b.State.Status == EpaymentStatus.Terminated)
                {
                    b.Emit(new PollScheduled(null, b.State.Core.PollCount));
                    b.Outcome(OutgoingEventTypes.PaymentTerminated, "terminated", Data(b.State));
                }
                else
                {
                    b.Emit(new PollScheduled(null, b.State.Core.PollCount));
                    b.Outcome(OutgoingEventTypes.PaymentCancelled, "cancelled", Data(b.State));
                }

                b.Pump();
                return b.Build();

            case (CommandFailedTransient failed, _):
                b.FailTransient(head, failed.Problem, OutgoingEventTypes.PaymentNeedsAttention, Data(b.State));
                b.Pump();
                return b.Build();

            case (CommandFailedPermanent failed, var command):
                b.FailPermanent(command, failed.Problem, OutgoingEventTypes.PaymentNeedsAttention, Data(b.State));
                return b.Build();

            default:
                return b.Reject(
                    "result-does-not-match-command",
                    $"{result.GetType().Name} cannot answer {head.Command.GetType().Name} (key {result.Key}).");
        }
    }

    private void Observe(DecisionBuilder<EpaymentState> b, VippsPaymentState observed, PaymentAggregate aggregate)
    {
        var status = b.State.Status;
        if (aggregate.Currency != b.State.Aggregate.Currency || !aggregate.IsConsistent)
        {
            b.NeedsAttention(
                $"Vipps reported an aggregate that does not fit this payment ({aggregate}).",
                null,
                null,
                OutgoingEventTypes.PaymentNeedsAttention,
                Data(b.State));
            return;
        }

        switch (observed)
        {
            case VippsPaymentState.Created when status == EpaymentStatus.AwaitingCustomer:
                var reads = b.State.Core.PollCount + 1;
                if (Options.Polling.NextPoll(b.State.CreatedAt ?? b.Now, reads, b.Now) is { } next)
                {
                    b.Emit(new PollScheduled(next, reads));
                }
                else
                {
                    b.NeedsAttention(
                        "The payment is still CREATED after the customer window closed; Vipps should have expired it.",
                        null,
                        null,
                        OutgoingEventTypes.PaymentNeedsAttention,
                        Data(b.State));
                }

                return;
            case VippsPaymentState.Authorized when status is EpaymentStatus.AwaitingCustomer or EpaymentStatus.Creating:
                b.Emit(new PaymentStateObserved(observed, aggregate, b.Now));
                b.Emit(new PollScheduled(null, b.State.Core.PollCount + 1));
                b.Outcome(OutgoingEventTypes.PaymentAuthorized, "authorized", Data(b.State));
                if (aggregate.Captured.MinorUnits > 0)
                {
                    // Captured before we could ask: Vipps captured it at authorization (a DirectCapture sales unit). Known
                    // from Vipps' own answer, so it holds even when the unit's capabilities were not known at the request.
                    b.Emit(new PaymentCapturedDirectly(aggregate.Captured, b.Now));
                    b.Outcome(
                        OutgoingEventTypes.PaymentCaptured,
                        "direct-capture",
                        Data(b.State) with { CaptureType = "DirectCapture", Amount = MoneyData.From(aggregate.Captured) });
                }

                if (b.State.Request!.ProfileScope is not null)
                {
                    // After the authorized outcome, and giving way to the webshop's capture (VippsCommand.GivesWay).
                    b.Enqueue(new ReadPaymentCustomerDetails(b.Key, b.NextKey("userinfo"), b.State.Request.Reference));
                }

                return;
            case VippsPaymentState.Authorized when status == EpaymentStatus.Authorized && aggregate != b.State.Aggregate:
                b.Emit(new PaymentStateObserved(observed, aggregate, b.Now));
                return;
            case VippsPaymentState.Aborted or VippsPaymentState.Expired or VippsPaymentState.Terminated
                when status is EpaymentStatus.AwaitingCustomer or EpaymentStatus.Creating:
                b.Emit(new PaymentStateObserved(observed, aggregate, b.Now));
                b.Emit(new PollScheduled(null, b.State.Core.PollCount + 1));
                var type = observed switch
                {
                    VippsPaymentState.Aborted => OutgoingEventTypes.PaymentAborted,
                    VippsPaymentState.Expired => OutgoingEventTypes.PaymentExpired,
                    _ => OutgoingEventTypes.PaymentTerminated,
                };
                b.Outcome(type, observed.ToString(), Data(b.State));
                return;
            default:
                return; // stale or unchanged read: nothing new
        }
    }

    private static OutcomeData Data(EpaymentState state) => new()
    {
        Msn = state.Key.Msn.Value,
        Reference = state.Key.Id,
        Status = state.Status.ToString(),
        Aggregate = state.Request is null ? null : AggregateData.From(state.Aggregate),
    };
}
