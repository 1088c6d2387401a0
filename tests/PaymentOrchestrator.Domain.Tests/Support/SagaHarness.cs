using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Domain.Tests.Support;

/// <summary>
/// Given/When/Then over a decider: <c>Given</c> applies inputs that must be accepted, <c>When</c> applies one input
/// and keeps its decision for the <c>Then</c> assertions. The clock only moves when a step says so. Like the runner, it
/// keeps each accepted capture and refund "in its own row" (<see cref="Recorded"/>) and hands the decider the one an
/// input names.
/// </summary>
public sealed class SagaHarness<TState>(
    Func<TState, SagaInput, DateTimeOffset, OperationContent?, Decision> decide,
    Func<TState, SagaEvent, TState> evolve,
    TState initial)
    where TState : ISagaState
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public TState State { get; private set; } = initial;

    public DateTimeOffset Now { get; private set; } = T0;

    public List<Decision> Decisions { get; } = [];

    /// <summary>What each accepted capture and refund asked for, as its row would keep it.</summary>
    public Dictionary<(OperationKind Kind, string Id), OperationContent> Recorded { get; } = [];

    public VippsCommand Head => State.Core.Head?.Command ?? throw new InvalidOperationException("No command in flight.");

    public SagaHarness<TState> At(DateTimeOffset now)
    {
        Now = now;
        return this;
    }

    public SagaHarness<TState> After(TimeSpan elapsed)
    {
        Now += elapsed;
        return this;
    }

    public SagaHarness<TState> Given(params SagaInput[] inputs)
    {
        foreach (var input in inputs)
        {
            var decision = Apply(input);
            Assert.True(decision.Rejection is null, $"Given {input.GetType().Name} was rejected: {decision.Rejection}");
        }

        return this;
    }

    /// <summary>Answers the command in flight with the result built from its key.</summary>
    public SagaHarness<TState> GivenResult(Func<VippsCommand, SagaInput> result) => Given(result(Head));

    public Decision When(SagaInput input) => Apply(input);

    public Decision WhenResult(Func<VippsCommand, SagaInput> result) => Apply(result(Head));

    private Decision Apply(SagaInput input)
    {
        var recorded = SagaDeciders.OperationNamedBy(State, input) is { } named ? Recorded.GetValueOrDefault(named) : null;
        var decision = decide(State, input, Now, recorded);
        foreach (var @event in decision.Events)
        {
            State = evolve(State, @event);
            Record(Recorded, @event);
        }

        Decisions.Add(decision);
        return decision;
    }

    /// <summary>Keeps what an accepted capture or refund asked for, as the store writes its row.</summary>
    public static void Record(Dictionary<(OperationKind Kind, string Id), OperationContent> rows, SagaEvent @event)
    {
        ArgumentNullException.ThrowIfNull(rows);
        switch (@event)
        {
            case CaptureAccepted { Capture: var c }:
                rows[(OperationKind.Capture, c.CaptureId)] = c.Content;
                break;
            case RefundAccepted { Refund: var r }:
                rows[(OperationKind.Refund, r.RefundId)] = r.Content;
                break;
        }
    }
}
