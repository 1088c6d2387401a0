using System.Collections.Immutable;
using PaymentOrchestrator.Domain.Contracts;

namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>
/// What a decider concluded from one input: the facts to evolve the state with, the commands to execute now (already
/// in the outbox via <see cref="CommandIssued"/> facts), the outcome events to publish, and when to wake the saga next.
/// A rejection carries no facts; an empty decision is a no-op (a repeat).
/// </summary>
public sealed record Decision(
    ImmutableArray<SagaEvent> Events,
    ImmutableArray<VippsCommand> Commands,
    ImmutableArray<OutgoingEvent> Outcomes,
    DateTimeOffset? WakeUpAt,
    Rejection? Rejection)
{
    /// <summary>
    /// Outcomes that carry personal data (the customer's details): published before the decision is saved and never
    /// saved themselves — no outcome row, no timeline entry. Their ids are stable, so a decision made again after a
    /// crash or a lost save publishes the same event again, which the webshop drops by its id.
    /// </summary>
    public ImmutableArray<OutgoingEvent> PersonalOutcomes { get; init; } = [];

    public bool IsRejected => Rejection is not null;

    public bool IsNoOp => Events.IsEmpty && Commands.IsEmpty && Outcomes.IsEmpty && PersonalOutcomes.IsEmpty && Rejection is null;

    public static Decision Rejected(string code, string reason, DateTimeOffset? wakeUpAt) =>
        new([], [], [], wakeUpAt, new Rejection(code, reason));
}
