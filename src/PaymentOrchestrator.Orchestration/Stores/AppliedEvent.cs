using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Intake;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// An incoming event applied before; <paramref name="Rejection"/> is set when the saga refused it. <paramref name="SagaRowKey"/>
/// and <paramref name="Type"/> are the saga and the event type it was applied to (empty on a marker that did not record them).
/// </summary>
public sealed record AppliedEvent(Rejection? Rejection, string SagaRowKey = "", string Type = "")
{
    /// <summary>
    /// The refusal of an event whose source and id were applied before to <em>another</em> saga or as another event type:
    /// a CloudEvent's id is unique per source, so this is a publisher's mistake, not a redelivery — completing it as a
    /// duplicate would drop a capture or refund unseen. Null when the marker is this event's own (a true duplicate).
    /// </summary>
    public Rejection? ReuseBy(SagaKey key, string type)
    {
        var otherSaga = SagaRowKey.Length > 0 && !string.Equals(SagaRowKey, key.RowKey, StringComparison.Ordinal);
        var otherType = Type.Length > 0 && !string.Equals(Type, type, StringComparison.Ordinal);
        return otherSaga || otherType
            ? new Rejection(IntakeRejectionCodes.EventIdReused,
                $"id: this source already sent this id as {Type} for {SagaRowKey}; an event id must be unique per source (CloudEvents): send this event again with a new id.")
            : null;
    }

    /// <summary>
    /// What another delivery of a refused event is told: the same code, marked as refused before, so that every
    /// delivery of it is dead-lettered with its reason rather than completed as a duplicate. Null when it was applied.
    /// </summary>
    public Rejection? RefusalForRedelivery => Rejection is { } refused ? refused with { Reason = refused.Reason + " (refused when first delivered)" } : null;
}
