using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Recurring;

/// <summary>
/// The charge saga: create (due ≥ 2 days ahead) → poll around the due date → Charged | Reserved | Failed | Cancelled;
/// capture (reserved), refund, cancel. Vipps' statuses may skip: any forward jump is accepted, a step back is stale.
/// As for a payment, a capture or refund no longer in flight is known by its own row, which the caller passes in.
/// </summary>
public sealed class ChargeDecider(ChargeOptions options)
{
    public ChargeDecider()
        : this(new ChargeOptions())
    {
    }

    public ChargeOptions Options { get; } = options;

    /// <param name="recorded">What the row of the capture or refund the input names recorded; null when it has none.</param>
    public Decision Decide(ChargeState state, SagaInput input, DateTimeOffset now, OperationContent? recorded)
    {
        ArgumentNullException.ThrowIfNull(state);
        var b = new DecisionBuilder<ChargeState>(state, now, Options.Retry, Evolve, NextWakeUp);
        switch (input)
        {
            case IncomingData data when data.SagaKey != state.Key:
                return b.Reject("wrong-saga", $"{data.GetType().Name} for {data.SagaKey} was routed to saga {state.Key}.");
            case ChargeRequested request:
                return Request(b, request);
            case InitialChargeAdopted adopted:
                return Adopt(b, adopted.Charge);
            case ChargeCaptureRequested capture:
                return Capture(b, capture, recorded);
            case ChargeRefundRequested refund:
                return Refund(b, refund, recorded);
            case ChargeCancelRequested:
                return Cancel(b);
            case WakeUp:
                if (state.Status != ChargeStatus.NeedsAttention)
                {
                    b.Pump();
                    if (b.State.Core.NextPollAt is { } pollAt && pollAt <= now)
                    {
                        b.Emit(new PollScheduled(null, b.State.Core.PollCount));
                        QueueRead(b);
                    }
                }

                return b.Build();
            case WebhookReceived:
                if (state.Status is not (ChargeStatus.New or ChargeStatus.Creating or ChargeStatus.NeedsAttention))
                {
                    QueueRead(b);
                }

                return b.Build();
            case CommandResult result:
                return Result(b, result, recorded);
            default:
                return b.Reject("not-for-this-saga", $"{input?.GetType().Name ?? "null"} is not a charge input.");
        }
    }

    public static ChargeState Evolve(ChargeState state, SagaEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        return @event switch
        {
            ChargeRequestAccepted e => state with
            {
                Status = ChargeStatus.Creating,
                Request = e.Request,
                RequestedAt = e.At,
                Summary = ChargeSummary.Zero(e.Request.Amount.Currency),
            },
            ChargeCreationConfirmed => state with
            {
                Status = state.Status == ChargeStatus.Creating ? ChargeStatus.Pending : state.Status,
            },
            ChargeStatusObserved e => state with
            {
                Status = ToStatus(e.Status),
                Summary = e.Summary
                    ?? (e.Status == VippsChargeStatus.Charged
                        ? state.Summary with { Captured = new Money(state.AmountMinorUnits - state.Summary.Cancelled.MinorUnits, state.Summary.Captured.Currency) }
                        : state.Summary),
                FailureReason = e.FailureReason ?? state.FailureReason,
                FailureDescription = e.FailureDescription ?? state.FailureDescription,
            },
            CaptureAccepted e => state with
            {
                InFlight = state.InFlight.Add(new InFlightOperation(OperationKind.Capture, e.Capture.CaptureId, e.Capture.Amount, e.Capture.Key)),
                CaptureCount = state.CaptureCount + 1,
            },
            CaptureConfirmed e => Captured(state, e.CaptureId),
            RefundAccepted e => state with
            {
                InFlight = state.InFlight.Add(new InFlightOperation(OperationKind.Refund, e.Refund.RefundId, e.Refund.Amount, e.Refund.Key)),
                RefundCount = state.RefundCount + 1,
            },
            RefundConfirmed e => Refunded(state, e.RefundId),
            CancelAccepted e => state with { Cancel = e.Cancel },
            CancelConfirmed => state with
            {
                Status = ChargeStatus.Cancelled,
                Cancel = state.Cancel is null ? null : state.Cancel with { Status = OperationStatus.Succeeded },
                Summary = state.Summary with
                {
                    Cancelled = new Money(state.AmountMinorUnits - state.Summary.Captured.MinorUnits, state.Summary.Cancelled.Currency),
                },
            },
            NeedsAttentionRaised e => state with { Status = ChargeStatus.NeedsAttention, Core = state.Core.Apply(e) },
            _ => state with { Core = state.Core.Apply(@event) },
        };
    }

    public DateTimeOffset? NextWakeUp(ChargeState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Status == ChargeStatus.NeedsAttention
            ? null
            : DecisionBuilder<ChargeState>.Earliest(
                DecisionBuilder<ChargeState>.HeadWakeUp(state.Core, Options.Retry),
                state.Core.NextPollAt);
    }

    /// <summary>
    /// When to read next while the charge is PENDING/DUE/PROCESSING: on the due day after
    /// <see cref="ChargeOptions.DueDayFirstRead"/>, then every <see cref="ChargeOptions.DuePollInterval"/>, the last
    /// read after the last retry day. Null once that last read is past.
    /// </summary>
    public DateTimeOffset? NextChargePoll(ChargeRequested request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dueStart = new DateTimeOffset(request.Due.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var firstOnDueDay = dueStart + Options.DueDayFirstRead;
        var finalCheck = dueStart + TimeSpan.FromDays(request.RetryDays + 1) + Options.FinalCheckAfter;
        if (now < firstOnDueDay)
        {
            return firstOnDueDay;
        }

        if (now >= finalCheck)
        {
            return null;
        }

        var next = now + Options.DuePollInterval;
        return next < finalCheck ? next : finalCheck;
    }

    private static ChargeStatus ToStatus(VippsChargeStatus status) => status switch
    {
        VippsChargeStatus.Pending => ChargeStatus.Pending,
        VippsChargeStatus.Due => ChargeStatus.Due,
        VippsChargeStatus.Processing => ChargeStatus.Processing,
        VippsChargeStatus.Reserved => ChargeStatus.Reserved,
        VippsChargeStatus.PartiallyCaptured => ChargeStatus.PartiallyCaptured,
        VippsChargeStatus.Charged => ChargeStatus.Charged,
        VippsChargeStatus.PartiallyRefunded => ChargeStatus.PartiallyRefunded,
        VippsChargeStatus.Refunded => ChargeStatus.Refunded,
        VippsChargeStatus.Failed => ChargeStatus.Failed,
        _ => ChargeStatus.Cancelled,
    };

    private static int Rank(ChargeStatus status) => status switch
    {
        ChargeStatus.Creating => 0,
        ChargeStatus.Pending => 1,
        ChargeStatus.Due => 2,
        ChargeStatus.Processing => 3,
        ChargeStatus.Reserved => 4,
        ChargeStatus.PartiallyCaptured => 5,
        ChargeStatus.Charged => 6,
        ChargeStatus.PartiallyRefunded => 7,
        ChargeStatus.Refunded => 8,
        _ => -1,
    };

    /// <summary>Forward jumps only: FAILED before money moved, CANCELLED before fully captured, others by rank.</summary>
    public static bool IsForward(ChargeStatus current, VippsChargeStatus observed)
    {
        var rank = Rank(current);
        if (rank < 0 || current == ChargeStatus.Refunded)
        {
            return false;
        }

        return observed switch
        {
            VippsChargeStatus.Failed => rank <= Rank(ChargeStatus.Processing),
            VippsChargeStatus.Cancelled => rank <= Rank(ChargeStatus.PartiallyCaptured),
            _ => Rank(ToStatus(observed)) > rank,
        };
    }

    private static ChargeState Captured(ChargeState state, string captureId)
    {
        var capture = state.InFlight.Find(o => o.Kind == OperationKind.Capture && o.Id == captureId);
        if (capture is null)
        {
            return state;
        }

        var captured = state.Summary.Captured.MinorUnits + capture.Amount.MinorUnits;
        return state with
        {
            InFlight = state.InFlight.Remove(capture),
            Summary = state.Summary with { Captured = state.Summary.Captured with { MinorUnits = captured } },
            Status = captured + state.Summary.Cancelled.MinorUnits >= state.AmountMinorUnits ? ChargeStatus.Charged : ChargeStatus.PartiallyCaptured,
        };
    }

    private static ChargeState Refunded(ChargeState state, string refundId)
    {
        var refund = state.InFlight.Find(o => o.Kind == OperationKind.Refund && o.Id == refundId);
        if (refund is null)
        {
            return state;
        }

        var refunded = state.Summary.Refunded.MinorUnits + refund.Amount.MinorUnits;
        return state with
        {
            InFlight = state.InFlight.Remove(refund),
            Summary = state.Summary with { Refunded = state.Summary.Refunded with { MinorUnits = refunded } },
            Status = refunded >= state.Summary.Captured.MinorUnits ? ChargeStatus.Refunded : ChargeStatus.PartiallyRefunded,
        };
    }

    /// <summary>
    /// A charge id holds one charge: once it has one, the same request again is a no-op and any other is refused; null
    /// while the saga is new.
    /// </summary>
    private static Decision? Taken(DecisionBuilder<ChargeState> b, ChargeRequested request) =>
        b.State.Status == ChargeStatus.New ? null
        : request == b.State.Request ? b.Build()
        : b.Reject("charge-id-already-used", $"Charge {request.ChargeId} was already requested with different details; each charge needs its own orderId.");

    private Decision Request(DecisionBuilder<ChargeState> b, ChargeRequested request)
    {
        if (Taken(b, request) is { } taken)
        {
            return taken;
        }

        var earliestDue = DateOnly.FromDateTime(b.Now.UtcDateTime).AddDays(Options.MinimumDueDays);
        if (request.Due < earliestDue)
        {
            return b.Reject(
                "due-too-soon",
                $"Due date {request.Due:yyyy-MM-dd} is less than {Options.MinimumDueDays} days ahead; the earliest is {earliestDue:yyyy-MM-dd}.");
        }

        b.Emit(new ChargeRequestAccepted(request, b.Now));
        b.Enqueue(new CreateCharge(
            b.Key,
            b.NextKey("create"),
            request.AgreementId,
            request.ChargeId,
            request.Amount,
            request.Description,
            request.Due,
            request.RetryDays,
            request.TransactionType));
        return b.Build();
    }

    /// <summary>
    /// An agreement's initial charge, handed over once the agreement is active: Vipps created it with the agreement, so
    /// nothing is created — it is read at once, and goes on as any charge.
    /// </summary>
    private static Decision Adopt(DecisionBuilder<ChargeState> b, ChargeRequested charge)
    {
        if (charge.SagaKey != b.Key)
        {
            return b.Reject("wrong-saga", $"The initial charge {charge.SagaKey} was handed to saga {b.Key}.");
        }

        if (Taken(b, charge) is { } taken)
        {
            return taken;
        }

        b.Emit(new ChargeRequestAccepted(charge, b.Now));
        b.Emit(new ChargeCreationConfirmed(b.Now));
        QueueRead(b);
        return b.Build();
    }

    private static Decision Capture(DecisionBuilder<ChargeState> b, ChargeCaptureRequested capture, OperationContent? recorded)
    {
        var state = b.State;
        if (state.Status == ChargeStatus.New)
        {
            return b.Reject("unknown-charge", $"No charge {capture.ChargeId} has been requested for MSN {capture.Msn}.");
        }

        if (b.Repeat(OperationKind.Capture, capture.CaptureId, new OperationContent(capture.Amount, null, null), recorded, state.InFlight) is { } repeat)
        {
            return repeat;
        }

        if (state.Status == ChargeStatus.NeedsAttention)
        {
            return b.Reject("needs-attention", "The charge needs attention; no new operations until it is resolved.");
        }

        if (state.Status is not (ChargeStatus.Reserved or ChargeStatus.PartiallyCaptured) || state.Cancel is not null)
        {
            return b.Reject("not-reserved", $"Only a RESERVED charge can be captured; this one is {state.Status}{(state.Cancel is null ? string.Empty : " (cancel requested)")}.");
        }

        if (capture.Amount.Currency != state.Request!.Amount.Currency)
        {
            return b.Reject("currency-mismatch", $"The charge is in {state.Request.Amount.Currency}; the capture is in {capture.Amount.Currency}.");
        }

        if (capture.Amount.MinorUnits <= 0)
        {
            return b.Reject("amount-not-positive", "A capture must be for more than 0.");
        }

        if (capture.Amount.MinorUnits > state.CapturableMinorUnits)
        {
            return b.Reject("capture-exceeds-remaining", $"Capture of {capture.Amount.MinorUnits} exceeds what remains reserved ({state.CapturableMinorUnits}).");
        }

        if (b.BeyondInFlightCap(state.InFlight) is { } full)
        {
            return full;
        }

        var key = b.NextKey("capture");
        b.Emit(new CaptureAccepted(new CaptureRecord(capture.CaptureId, capture.Amount, key, OperationStatus.Pending)));
        b.Enqueue(new CaptureCharge(
            b.Key,
            key,
            state.Request.AgreementId,
            state.Request.ChargeId,
            capture.Amount,
            capture.Description ?? state.Request.Description,
            capture.CaptureId));
        return b.Build();
    }

    private static Decision Refund(DecisionBuilder<ChargeState> b, ChargeRefundRequested refund, OperationContent? recorded)
    {
        var state = b.State;
        if (state.Status == ChargeStatus.New)
        {
            return b.Reject("unknown-charge", $"No charge {refund.ChargeId} has been requested for MSN {refund.Msn}.");
        }

        var asked = new OperationContent(refund.Amount, refund.Reason, refund.RequestedBy);
        if (b.Repeat(OperationKind.Refund, refund.RefundId, asked, recorded, state.InFlight) is { } repeat)
        {
            return repeat;
        }

        if (state.Status == ChargeStatus.NeedsAttention)
        {
            return b.Reject("needs-attention", "The charge needs attention; no new operations until it is resolved.");
        }

        var charged = state.Status is ChargeStatus.Charged or ChargeStatus.PartiallyCaptured or ChargeStatus.PartiallyRefunded
            || (state.Status == ChargeStatus.Cancelled && state.Summary.Captured.MinorUnits > 0); // captured part, rest released
        if (!charged)
        {
            return b.Reject("not-charged", $"Only a charged charge can be refunded; this one is {state.Status}.");
        }

        if (state.Status == ChargeStatus.PartiallyCaptured)
        {
            // Vipps takes no capture or cancel of a charge once it is refunded (PARTIALLY_REFUNDED): the rest of the
            // reservation would stay frozen until it lapses. Refused up front, so nothing is locked.
            return b.Reject(
                "reservation-open",
                $"{state.AmountMinorUnits - state.Summary.Captured.MinorUnits - state.Summary.Cancelled.MinorUnits} of this charge is still reserved; capture or cancel the rest first, then refund.");
        }

        if (refund.Amount.Currency != state.Request!.Amount.Currency)
        {
            return b.Reject("currency-mismatch", $"The charge is in {state.Request.Amount.Currency}; the refund is in {refund.Amount.Currency}.");
        }

        if (refund.Amount.MinorUnits <= 0)
        {
            return b.Reject("amount-not-positive", "A refund must be for more than 0.");
        }

        if (refund.Amount.MinorUnits > state.RefundableMinorUnits)
        {
            return b.Reject("refund-exceeds-captured", $"Refund of {refund.Amount.MinorUnits} exceeds what may be refunded ({state.RefundableMinorUnits}).");
        }

        if (b.BeyondInFlightCap(state.InFlight) is { } full)
        {
            return full;
        }

        var key = b.NextKey("refund");
        b.Emit(new RefundAccepted(new RefundRecord(refund.RefundId, refund.Amount, refund.Reason, refund.RequestedBy, key, OperationStatus.Pending)));
        b.Enqueue(new RefundCharge(
            b.Key,
            key,
            state.Request.AgreementId,
            state.Request.ChargeId,
            refund.Amount,
            refund.Description ?? VippsDescription(refund.Reason),
            refund.RefundId));
        return b.Build();
    }

    private static Decision Cancel(DecisionBuilder<ChargeState> b)
    {
        var state = b.State;
        switch (state.Status)
        {
            case ChargeStatus.New:
                return b.Reject("unknown-charge", $"No charge {state.Key.Id} has been requested for MSN {state.Key.Msn}.");
            case ChargeStatus.Failed or ChargeStatus.Cancelled:
                return b.Build();
            case ChargeStatus.NeedsAttention:
                return b.Reject("needs-attention", "The charge needs attention; no new operations until it is resolved.");
            case ChargeStatus.Charged or ChargeStatus.PartiallyRefunded or ChargeStatus.Refunded:
                return b.Reject("already-charged", $"The charge is {state.Status}; money has moved — refund it instead.");
            case ChargeStatus.Processing:
                // Vipps cancels a pending, due, reserved or partly captured charge, not one it is charging now: sent, the
                // cancel would be refused and stop the saga in NeedsAttention while Vipps goes on charging.
                return b.Reject("charge-processing", "Vipps is charging it now (PROCESSING); it can no longer be cancelled — refund it once it is charged.");
        }

        if (state.Cancel is not null)
        {
            return b.Build();
        }

        var key = b.NextKey("cancel");
        b.Emit(new CancelAccepted(new CancelRecord(key, state.Status is not (ChargeStatus.Reserved or ChargeStatus.PartiallyCaptured), OperationStatus.Pending)));
        b.Enqueue(new CancelCharge(b.Key, key, state.Request!.AgreementId, state.Request.ChargeId));
        return b.Build();
    }

    /// <summary>Recurring takes a capture or refund description of 1 to 45 characters; a refund's reason may have 200.</summary>
    private static string VippsDescription(string text) =>
        text.Length <= 45 ? text : text[..(char.IsHighSurrogate(text[43]) ? 43 : 44)] + "…";

    private static void QueueRead(DecisionBuilder<ChargeState> b)
    {
        if (b.State.Request is { } request && !b.State.Core.HasQueued<GetCharge>())
        {
            b.Enqueue(new GetCharge(b.Key, b.NextKey("get"), request.AgreementId, request.ChargeId));
        }
    }

    private Decision Result(DecisionBuilder<ChargeState> b, CommandResult result, OperationContent? recorded)
    {
        if (b.Head is not { } head || head.Command.Key != result.Key)
        {
            return b.Build(); // a repeated or stale result: the command it answers is no longer in flight
        }

        switch (result, head.Command)
        {
            case (ChargeCreated created, CreateCharge):
                b.Complete(created.Key);
                b.Emit(new ChargeCreationConfirmed(b.Now));
                b.Emit(new PollScheduled(b.Now + Options.FirstReadDelay, 0));
                b.Outcome(OutgoingEventTypes.ChargeCreated, "created", Data(b.State));
                b.Pump();
                return b.Build();

            case (ChargeRead read, GetCharge):
                b.Complete(read.Key);
                Observe(b, read);
                b.Pump();
                return b.Build();

            case (ChargeCaptureSucceeded captured, CaptureCharge command):
                b.Complete(captured.Key);
                b.Emit(new CaptureConfirmed(command.CaptureId, null));
                b.Outcome(
                    OutgoingEventTypes.ChargeCharged,
                    command.CaptureId,
                    Data(b.State) with { CaptureId = command.CaptureId, Amount = MoneyData.From(command.Amount) });
                b.Pump();
                return b.Build();

            case (ChargeRefundSucceeded refunded, RefundCharge command):
                b.Complete(refunded.Key);
                b.Emit(new RefundConfirmed(command.RefundId, null));
                b.Outcome(
                    OutgoingEventTypes.ChargeRefunded,
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

            case (ChargeCancelSucceeded or CommandFailedPermanent, CancelCharge) when b.EndedMeanwhile:
                return b.CompleteQuietly(result.Key); // cancelled by a merchant's stop of the agreement, or failed

            case (ChargeCancelSucceeded cancelled, CancelCharge):
                b.Complete(cancelled.Key);
                b.Emit(new CancelConfirmed(null, null));
                b.Emit(new PollScheduled(null, b.State.Core.PollCount));
                b.Outcome(OutgoingEventTypes.ChargeCancelled, "cancelled", Data(b.State));
                b.Pump();
                return b.Build();

            case (CommandFailedTransient failed, _):
                b.FailTransient(head, failed.Problem, OutgoingEventTypes.ChargeNeedsAttention, Data(b.State));
                b.Pump();
                return b.Build();

            case (CommandFailedPermanent failed, var command):
                b.FailPermanent(command, failed.Problem, OutgoingEventTypes.ChargeNeedsAttention, Data(b.State));
                return b.Build();

            default:
                return b.Reject(
                    "result-does-not-match-command",
                    $"{result.GetType().Name} cannot answer {head.Command.GetType().Name} (key {result.Key}).");
        }
    }

    private void Observe(DecisionBuilder<ChargeState> b, ChargeRead read)
    {
        var state = b.State;
        if (read.Summary is { } summary && (summary.Captured.Currency != state.Summary.Captured.Currency
            || summary.Captured.MinorUnits > state.AmountMinorUnits || summary.Refunded.MinorUnits > summary.Captured.MinorUnits))
        {
            b.NeedsAttention(
                $"Vipps reported a charge summary that does not fit this charge ({summary}).",
                null,
                null,
                OutgoingEventTypes.ChargeNeedsAttention,
                Data(state));
            return;
        }

        var forward = IsForward(state.Status, read.Status);
        if (forward || (ToStatus(read.Status) == state.Status && read.Summary is not null && read.Summary != state.Summary))
        {
            b.Emit(new ChargeStatusObserved(read.Status, read.Summary, read.FailureReason, read.FailureDescription, b.Now, read.CapturedAt));
        }

        if (b.State.Status is ChargeStatus.Pending or ChargeStatus.Due or ChargeStatus.Processing)
        {
            var reads = b.State.Core.PollCount + 1;
            if (NextChargePoll(b.State.Request!, b.Now) is { } next)
            {
                b.Emit(new PollScheduled(next, reads));
            }
            else
            {
                b.NeedsAttention(
                    $"The charge is still {b.State.Status} after its last retry day; Vipps should have charged or failed it.",
                    null,
                    null,
                    OutgoingEventTypes.ChargeNeedsAttention,
                    Data(b.State));
            }

            return;
        }

        b.Emit(new PollScheduled(null, b.State.Core.PollCount + 1));
        if (!forward)
        {
            return;
        }

        var data = Data(b.State);
        switch (read.Status)
        {
            case VippsChargeStatus.Reserved:
                b.Outcome(OutgoingEventTypes.ChargeReserved, "reserved", data);
                break;
            case VippsChargeStatus.Charged:
                b.Outcome(OutgoingEventTypes.ChargeCharged, "charged", data with { Amount = MoneyData.From(b.State.Summary.Captured) });
                break;
            case VippsChargeStatus.Failed:
                b.Outcome(OutgoingEventTypes.ChargeFailed, "failed", data with { FailureReason = b.State.FailureReason, FailureDescription = b.State.FailureDescription });
                break;
            case VippsChargeStatus.Cancelled:
                b.Outcome(OutgoingEventTypes.ChargeCancelled, "cancelled", data);
                break;
            case VippsChargeStatus.Refunded or VippsChargeStatus.PartiallyRefunded:
                b.Outcome(OutgoingEventTypes.ChargeRefunded, $"observed-{read.Status}", data with { Amount = MoneyData.From(b.State.Summary.Refunded) });
                break;
        }
    }

    private static OutcomeData Data(ChargeState state) => new()
    {
        Msn = state.Key.Msn.Value,
        ChargeId = state.Key.Id,
        AgreementId = state.Request?.AgreementId,
        SubscriptionId = state.Request?.SubscriptionId?.Value,
        Status = state.Status.ToString(),
    };
}
