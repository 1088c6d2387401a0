using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.CustomerDetails;
using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Domain.Recurring;

/// <summary>
/// The agreement saga: draft → Pending (confirmation URL published; poll) → Active | Stopped | Expired; stop on request.
/// </summary>
public sealed class AgreementDecider(AgreementOptions options)
{
    public AgreementDecider()
        : this(new AgreementOptions())
    {
    }

    public AgreementOptions Options { get; } = options;

    public Decision Decide(AgreementState state, SagaInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var b = new DecisionBuilder<AgreementState>(state, now, Options.Retry, Evolve, NextWakeUp);
        switch (input)
        {
            case IncomingData data when data.SagaKey != state.Key:
                return b.Reject("wrong-saga", $"{data.GetType().Name} for {data.SagaKey} was routed to saga {state.Key}.");
            case AgreementRequested request:
                return Request(b, request);
            case AgreementStopRequested:
                return Stop(b);
            case WakeUp:
                if (state.Status != AgreementStatus.NeedsAttention)
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
                if (state.Status is AgreementStatus.Pending or AgreementStatus.Active)
                {
                    QueueRead(b);
                }

                return b.Build();
            case CommandResult result:
                return Result(b, result);
            default:
                return b.Reject("not-for-this-saga", $"{input?.GetType().Name ?? "null"} is not an agreement input.");
        }
    }

    public static AgreementState Evolve(AgreementState state, SagaEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        return @event switch
        {
            AgreementRequestAccepted e => state with { Status = AgreementStatus.Drafting, Request = e.Request, RequestedAt = e.At },
            AgreementDraftConfirmed e => state with
            {
                Status = AgreementStatus.Pending,
                AgreementId = e.AgreementId,
                ConfirmationUrl = e.ConfirmationUrl,
                InitialChargeId = e.InitialChargeId,
                PendingSince = e.At,
            },
            AgreementStatusObserved e => state with
            {
                Status = e.Status switch
                {
                    VippsAgreementStatus.Active => AgreementStatus.Active,
                    VippsAgreementStatus.Stopped => AgreementStatus.Stopped,
                    VippsAgreementStatus.Expired => AgreementStatus.Expired,
                    _ => AgreementStatus.Pending,
                },
            },
            AgreementStopAccepted => state with { StopRequested = true },
            NeedsAttentionRaised e => state with { Status = AgreementStatus.NeedsAttention, Core = state.Core.Apply(e) },
            _ => state with { Core = state.Core.Apply(@event) },
        };
    }

    public DateTimeOffset? NextWakeUp(AgreementState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Status == AgreementStatus.NeedsAttention
            ? null
            : DecisionBuilder<AgreementState>.Earliest(
                DecisionBuilder<AgreementState>.HeadWakeUp(state.Core, Options.Retry),
                state.Core.NextPollAt);
    }

    private static Decision Request(DecisionBuilder<AgreementState> b, AgreementRequested request)
    {
        if (b.State.Status != AgreementStatus.New)
        {
            return request == b.State.Request
                ? b.Build()
                : b.Reject(
                    "subscription-already-requested",
                    $"An agreement for subscription {request.SubscriptionId} was already requested with different details.");
        }

        b.Emit(new AgreementRequestAccepted(request, b.Now));
        b.Enqueue(new DraftAgreement(b.Key, b.NextKey("draft"), request));
        return b.Build();
    }

    private static Decision Stop(DecisionBuilder<AgreementState> b)
    {
        var state = b.State;
        switch (state.Status)
        {
            case AgreementStatus.New:
                return b.Reject("unknown-agreement", $"No agreement has been requested for subscription {state.Key.Id} of MSN {state.Key.Msn}.");
            case AgreementStatus.Stopped or AgreementStatus.Expired:
                return b.Build();
            case AgreementStatus.NeedsAttention:
                return b.Reject("needs-attention", "The agreement needs attention; no new operations until it is resolved.");
        }

        if (state.StopRequested)
        {
            return b.Build();
        }

        b.Emit(new AgreementStopAccepted(b.Now));
        if (state.AgreementId is { } agreementId)
        {
            b.Enqueue(new StopAgreement(b.Key, b.NextKey("stop"), agreementId));
        }

        return b.Build();
    }

    private static void QueueRead(DecisionBuilder<AgreementState> b)
    {
        if (b.State.AgreementId is { } agreementId && !b.State.Core.HasQueued<GetAgreement>())
        {
            b.Enqueue(new GetAgreement(b.Key, b.NextKey("get"), agreementId));
        }
    }

    private Decision Result(DecisionBuilder<AgreementState> b, CommandResult result)
    {
        if (b.Head is not { } head || head.Command.Key != result.Key)
        {
            return b.Build(); // a repeated or stale result: the command it answers is no longer in flight
        }

        if (head.Command is ReadAgreementCustomerDetails)
        {
            return CustomerDetailsStep.Decide(b, head, result, OutgoingEventTypes.AgreementCustomerDetails, Data(b.State));
        }

        switch (result, head.Command)
        {
            case (AgreementDrafted drafted, DraftAgreement):
                b.Complete(drafted.Key);
                b.Emit(new AgreementDraftConfirmed(drafted.AgreementId, drafted.ConfirmationUrl, drafted.InitialChargeId, b.Now));
                b.Emit(new PollScheduled(b.Now + Options.Polling.FirstDelay, 0));
                b.Outcome(
                    OutgoingEventTypes.AgreementPending,
                    "pending",
                    Data(b.State) with { ConfirmationUrl = drafted.ConfirmationUrl, InitialChargeId = drafted.InitialChargeId });
                if (b.State.StopRequested)
                {
                    b.Enqueue(new StopAgreement(b.Key, b.NextKey("stop"), drafted.AgreementId));
                }

                b.Pump();
                return b.Build();

            case (AgreementRead read, GetAgreement):
                b.Complete(read.Key);
                Observe(b, read.Status);
                b.Pump();
                return b.Build();

            case (InitialChargeHandedOver, HandOverInitialCharge):
                return b.CompleteQuietly(result.Key);

            case (AgreementStopSucceeded stopped, StopAgreement):
                b.Complete(stopped.Key);
                if (b.State.Status is AgreementStatus.Pending or AgreementStatus.Active)
                {
                    b.Emit(new AgreementStatusObserved(VippsAgreementStatus.Stopped, b.Now));
                    b.Emit(new PollScheduled(null, b.State.Core.PollCount));
                    b.Outcome(OutgoingEventTypes.AgreementStopped, "stopped", Data(b.State));
                }

                b.Pump();
                return b.Build();

            case (CommandFailedTransient failed, _):
                b.FailTransient(head, failed.Problem, OutgoingEventTypes.AgreementNeedsAttention, Data(b.State));
                b.Pump();
                return b.Build();

            case (CommandFailedPermanent, StopAgreement) when b.EndedMeanwhile:
                return b.CompleteQuietly(result.Key); // the customer stopped it in the app, or it expired

            case (CommandFailedPermanent failed, var command):
                b.FailPermanent(command, failed.Problem, OutgoingEventTypes.AgreementNeedsAttention, Data(b.State));
                return b.Build();

            default:
                return b.Reject(
                    "result-does-not-match-command",
                    $"{result.GetType().Name} cannot answer {head.Command.GetType().Name} (key {result.Key}).");
        }
    }

    private void Observe(DecisionBuilder<AgreementState> b, VippsAgreementStatus observed)
    {
        var status = b.State.Status;
        switch (observed)
        {
            case VippsAgreementStatus.Pending when status == AgreementStatus.Pending:
                var reads = b.State.Core.PollCount + 1;
                if (Options.Polling.NextPoll(b.State.PendingSince ?? b.Now, reads, b.Now) is { } next)
                {
                    b.Emit(new PollScheduled(next, reads));
                }
                else
                {
                    b.NeedsAttention(
                        "The agreement is still PENDING after the confirmation window closed; Vipps should have expired it.",
                        null,
                        null,
                        OutgoingEventTypes.AgreementNeedsAttention,
                        Data(b.State));
                }

                return;
            case VippsAgreementStatus.Active when status == AgreementStatus.Pending:
                b.Emit(new AgreementStatusObserved(observed, b.Now));
                b.Emit(new PollScheduled(null, b.State.Core.PollCount + 1));
                b.Outcome(OutgoingEventTypes.AgreementActivated, "activated", Data(b.State) with { InitialChargeId = b.State.InitialChargeId });
                QueueInitialChargeHandOver(b);

                if (b.State.Request?.ProfileScope is not null && b.State.AgreementId is { } agreementId)
                {
                    b.Enqueue(new ReadAgreementCustomerDetails(b.Key, b.NextKey("userinfo"), agreementId));
                }

                return;
            case VippsAgreementStatus.Stopped or VippsAgreementStatus.Expired
                when status is AgreementStatus.Pending or AgreementStatus.Active:
                b.Emit(new AgreementStatusObserved(observed, b.Now));
                b.Emit(new PollScheduled(null, b.State.Core.PollCount + 1));
                b.Outcome(
                    observed == VippsAgreementStatus.Stopped ? OutgoingEventTypes.AgreementStopped : OutgoingEventTypes.AgreementExpired,
                    observed == VippsAgreementStatus.Stopped ? "stopped" : "expired",
                    Data(b.State));
                // Ended before a read saw it active (accepted, then stopped by the customer between two reads): a reserved
                // initial charge survives a customer's stop, so it is followed all the same (a cancelled one is read so).
                if (status == AgreementStatus.Pending)
                {
                    QueueInitialChargeHandOver(b);
                }

                return;
            default:
                return; // unchanged or stale (e.g. PENDING after ACTIVE)
        }
    }

    /// <summary>Queues the hand-over of the agreement's initial charge to its own saga, when it has one.</summary>
    private static void QueueInitialChargeHandOver(DecisionBuilder<AgreementState> b)
    {
        if (InitialCharge(b.State, b.Now) is { } initial)
        {
            b.Enqueue(new HandOverInitialCharge(b.Key, b.NextKey("initial"), initial));
        }
    }

    /// <summary>
    /// The agreement's initial charge as the request of its own charge saga, due on the day the agreement was seen active
    /// (Vipps processes it at acceptance); null when the agreement has none, or Vipps gave it an id no charge saga can
    /// carry.
    /// </summary>
    public static ChargeRequested? InitialCharge(AgreementState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state is { Request: { InitialCharge: { } initial } request, AgreementId: { } agreementId, InitialChargeId: { } id }
               && Values.ChargeId.Create(id).TryGetValue(out var chargeId, out _)
            ? new ChargeRequested(
                state.Key.Msn,
                chargeId,
                agreementId,
                request.SubscriptionId,
                initial.Amount,
                initial.Description,
                DateOnly.FromDateTime(now.UtcDateTime),
                RetryDays: 0,
                initial.TransactionType)
            : null;
    }

    private static OutcomeData Data(AgreementState state) => new()
    {
        Msn = state.Key.Msn.Value,
        SubscriptionId = state.Key.Id,
        AgreementId = state.AgreementId,
        Status = state.Status.ToString(),
    };
}
