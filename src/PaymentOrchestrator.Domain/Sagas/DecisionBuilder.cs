using System.Collections.Immutable;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>
/// Accumulates one decision: each fact is evolved into the running state at once, so later steps of the same
/// decision see it. Holds the outbox rules every saga shares (one command in flight, stable keys, retries).
/// </summary>
internal sealed class DecisionBuilder<TState> where TState : ISagaState
{
    private readonly Func<TState, SagaEvent, TState> _evolve;
    private readonly Func<TState, DateTimeOffset?> _wakeUp;
    private readonly RetryPolicy _retry;
    private readonly ImmutableArray<SagaEvent>.Builder _events = ImmutableArray.CreateBuilder<SagaEvent>();
    private readonly ImmutableArray<VippsCommand>.Builder _commands = ImmutableArray.CreateBuilder<VippsCommand>();
    private readonly ImmutableArray<OutgoingEvent>.Builder _outcomes = ImmutableArray.CreateBuilder<OutgoingEvent>();
    private readonly ImmutableArray<OutgoingEvent>.Builder _personal = ImmutableArray.CreateBuilder<OutgoingEvent>();

    public DecisionBuilder(
        TState state,
        DateTimeOffset now,
        RetryPolicy retry,
        Func<TState, SagaEvent, TState> evolve,
        Func<TState, DateTimeOffset?> wakeUp)
    {
        State = state;
        Now = now;
        _retry = retry;
        _evolve = evolve;
        _wakeUp = wakeUp;
    }

    public TState State { get; private set; }

    public DateTimeOffset Now { get; }

    public SagaKey Key => State.Key;

    public OutboxEntry? Head => State.Core.Head;

    public void Emit(SagaEvent @event)
    {
        _events.Add(@event);
        State = _evolve(State, @event);
    }

    public void Outcome(string type, string discriminator, OutcomeData data) =>
        _outcomes.Add(OutgoingEvent.Create(type, Key, Now, data, discriminator));

    /// <summary>An outcome carrying personal data: published before the decision is saved, never saved (<see cref="Decision.PersonalOutcomes"/>).</summary>
    public void PersonalOutcome(string type, string discriminator, OutcomeData data) =>
        _personal.Add(OutgoingEvent.Create(type, Key, Now, data, discriminator));

    /// <summary>The key the next queued command gets: its operation, the saga's command sequence, the saga key.</summary>
    public IdempotencyKey NextKey(string operation) =>
        IdempotencyKey.Derive(operation, State.Core.CommandCount + 1, Key);

    /// <summary>Writes the command into the outbox and hands it out at once if nothing is ahead of it.</summary>
    public void Enqueue(VippsCommand command)
    {
        Emit(new CommandQueued(command, Now));
        Pump();
    }

    /// <summary>Hands out the head if it is due and not in flight, or in flight for longer than the timeout.</summary>
    public void Pump()
    {
        if (Head is not { } head)
        {
            return;
        }

        var due = head.IssuedAt is { } issuedAt ? issuedAt + _retry.CommandTimeout <= Now : head.DueAt <= Now;
        if (due)
        {
            Emit(new CommandIssued(head.Command.Key, Now));
            _commands.Add(head.Command);
        }
    }

    /// <summary>The head's result has arrived: take it out and hand out the next one.</summary>
    public void Complete(IdempotencyKey key) => Emit(new CommandCompleted(key));

    /// <summary>
    /// The saga ended on its own — a final state a read saw (the customer aborted or stopped it, it expired, someone
    /// cancelled it in the portal), not a stop for a person — while a release (cancel, stop) was still queued behind
    /// that read. The read published the end, so the release's own answer, success or refusal, tells nothing new.
    /// </summary>
    public bool EndedMeanwhile => State.IsFinished && State.Core.Attention is null;

    /// <summary>Takes the answered head out of the outbox with no fact or outcome of its own, and hands out the next.</summary>
    public Decision CompleteQuietly(IdempotencyKey key)
    {
        Complete(key);
        Pump();
        return Build();
    }

    public void FailTransient(OutboxEntry head, VippsProblem problem, string attentionType, OutcomeData attentionData)
    {
        var failures = head.Failures + 1;
        if (failures >= _retry.MaxAttempts)
        {
            NeedsAttention(
                $"{head.Command.Operation} failed {failures} times in a row; retries exhausted.",
                problem,
                head.Command,
                attentionType,
                attentionData);
            return;
        }

        Emit(new CommandRetryScheduled(head.Command.Key, failures, Now + _retry.DelayAfter(failures), problem));
    }

    /// <summary>
    /// The head, a call that gives way, failed transiently: it goes to the back of the outbox with its key and waits
    /// out the backoff, so the calls behind it run meanwhile. False when its retries are spent (nothing emitted).
    /// </summary>
    public bool SetAside(OutboxEntry head, VippsProblem problem)
    {
        var failures = head.Failures + 1;
        if (failures >= _retry.MaxAttempts)
        {
            return false;
        }

        Emit(new CommandSetAside(head.Command.Key, failures, Now + _retry.DelayAfter(failures), problem));
        return true;
    }

    /// <summary>
    /// Vipps refused the command for good (a cached 4xx), or it was never sent (<see cref="VippsProblem.NotSent"/>: a
    /// sales unit that may not move money now): the saga needs a person, with the problem kept.
    /// </summary>
    public void FailPermanent(VippsCommand command, VippsProblem problem, string attentionType, OutcomeData attentionData) =>
        NeedsAttention(
            problem.WasNotSent
                ? $"{command.Operation} was not sent to Vipps: {problem.Title}"
                : $"{command.Operation} was refused by Vipps{(problem.ErrorCode is { } code ? $" (error {code})" : string.Empty)}: {problem.Title}",
            problem,
            command,
            attentionType,
            attentionData);

    public void NeedsAttention(
        string reason,
        VippsProblem? problem,
        VippsCommand? command,
        string attentionType,
        OutcomeData attentionData)
    {
        Emit(new NeedsAttentionRaised(reason, problem, command, Now));
        Outcome(attentionType, "attention", attentionData with { Reason = reason, Problem = problem });
    }

    /// <summary>
    /// The decision for a capture or refund whose id was used before, or null when the id is new: a no-op when it asks
    /// for exactly what was recorded, a refusal when it asks for anything else. <paramref name="recorded"/> is what the
    /// operation's own row holds (the runner reads the row the input names); an id in flight without it can only be
    /// compared by amount, which is safe: a mismatch is refused, never executed twice.
    /// </summary>
    public Decision? Repeat(OperationKind kind, string id, OperationContent asked, OperationContent? recorded, IEnumerable<InFlightOperation> inFlight)
    {
        var earlier = recorded
            ?? inFlight.Where(o => o.Kind == kind && o.Id == id).Select(o => new OperationContent(o.Amount, null, null)).FirstOrDefault();
        if (earlier is null)
        {
            return null;
        }

        var name = kind == OperationKind.Capture ? "capture" : "refund";
        return earlier == asked
            ? Build()
            : Reject($"{name}-id-reused", $"{(kind == OperationKind.Capture ? "Capture" : "Refund")} id '{id}' was already used for {earlier}; got {asked}.");
    }

    /// <summary>A refusal to retry later when <see cref="OperationLimits.MaxInFlight"/> captures and refunds are in flight; else null.</summary>
    public Decision? BeyondInFlightCap(IReadOnlyCollection<InFlightOperation> inFlight) =>
        inFlight.Count < OperationLimits.MaxInFlight
            ? null
            : Reject(
                OperationLimits.InFlightCode,
                $"{inFlight.Count} captures and refunds are in flight on {Key} (at most {OperationLimits.MaxInFlight} at once); retry in about {(int)OperationLimits.RetryAfter.TotalSeconds} seconds, when Vipps has confirmed some of them.");

    public Decision Build() =>
        new(_events.ToImmutable(), _commands.ToImmutable(), _outcomes.ToImmutable(), _wakeUp(State), null) { PersonalOutcomes = _personal.ToImmutable() };

    public Decision Reject(string code, string reason) => Decision.Rejected(code, reason, _wakeUp(State));

    public static DateTimeOffset? Earliest(params ReadOnlySpan<DateTimeOffset?> times)
    {
        DateTimeOffset? earliest = null;
        foreach (var time in times)
        {
            if (time is { } t && (earliest is null || t < earliest))
            {
                earliest = t;
            }
        }

        return earliest;
    }

    public static DateTimeOffset? HeadWakeUp(SagaCore core, RetryPolicy retry) => core.Head switch
    {
        null => null,
        { IssuedAt: { } issuedAt } => issuedAt + retry.CommandTimeout,
        var head => head.DueAt,
    };
}
