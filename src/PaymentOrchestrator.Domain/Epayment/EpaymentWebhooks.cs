using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Domain.Epayment;

/// <summary>
/// What an ePayment webhook can tell a saga. A webhook is a hint, never trusted: the saga reads the payment back — unless
/// it already knows what the webhook reports, or a call of its own in flight will answer with it. Each read-back is a
/// whole saga step (an orchestration turn, an activity, a Vipps call and a save), so one that cannot tell anything new is
/// not made.
/// </summary>
public static class EpaymentWebhooks
{
    private const string EventTypePrefix = "epayments.payment.";

    /// <summary>The one webhook that never tells a saga anything new: its own create call told it.</summary>
    private const string Created = "CREATED";

    /// <summary>
    /// The webhook's name as Vipps writes it in the payload (<c>CREATED</c>, <c>AUTHORIZED</c>, <c>CAPTURED</c>, …), also
    /// from the event type it was registered for (<c>epayments.payment.captured.v1</c>).
    /// </summary>
    public static string Name(string eventName)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        if (eventName.StartsWith(EventTypePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var rest = eventName[EventTypePrefix.Length..];
            var dot = rest.IndexOf('.', StringComparison.Ordinal);
            eventName = dot < 0 ? rest : rest[..dot];
        }

        return eventName.ToUpperInvariant();
    }

    /// <summary>
    /// Whether the hosts register for this event: not for CREATED, which never tells a saga anything new (below) — each
    /// delivery would cost Vipps a request and the host a signature check and a read of the saga row, per payment.
    /// </summary>
    public static bool Subscribed(string eventName) => Name(eventName) != Created;

    /// <summary>
    /// True when a read-back after this webhook cannot tell the saga anything new: CREATED (the saga's own create call
    /// told it), AUTHORIZED on an authorized payment (the state stays AUTHORIZED after that), CAPTURED, REFUNDED or
    /// CANCELLED while the saga's own capture, refund or cancel is in flight (its answer carries the whole aggregate),
    /// and CAPTURED on an authorized payment of which nothing remains to capture (the webhook of the saga's own last
    /// capture, which often arrives after that capture's answer was applied: no capture can follow, so it can only
    /// repeat what the saga knows; before authorization the saga's aggregate is still empty and tells nothing).
    /// Any other name, or an unknown one, is read back.
    /// </summary>
    public static bool TellsNothingNew(EpaymentState state, string eventName)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Name(eventName) switch
        {
            Created => true,
            "AUTHORIZED" => state.Status == EpaymentStatus.Authorized,
            "CAPTURED" => state.InFlight.Any(o => o.Kind == OperationKind.Capture)
                || (state.Status == EpaymentStatus.Authorized && state.Aggregate.Authorized.MinorUnits > 0 && state.Aggregate.RemainingMinorUnits <= 0),
            "REFUNDED" => state.InFlight.Any(o => o.Kind == OperationKind.Refund),
            "CANCELLED" => state.Cancel is { Status: OperationStatus.Pending },
            _ => false,
        };
    }
}
