using PaymentOrchestrator.Orchestration.Intake;

namespace PaymentOrchestrator.Api.DeadLetters;

/// <summary>
/// Which dead letters a replay can help: the one place that sorts a dead letter's reason. A delivery that failed again
/// and again (storage or Vipps down, a bug since fixed) may well go through; a registry refusal goes through once the
/// sales unit is registered, switched on, lets the source send it or gains the capability. Any other reason is the message's own (malformed,
/// the wrong currency or queue, a refund above what may be refunded): sent back unchanged, it is refused again.
/// </summary>
public static class DeadLetterReasons
{
    /// <summary>The transports' "gave up delivering" reasons: the local queue worker's, and Service Bus's own.</summary>
    private static readonly HashSet<string> Redeliverable = new(StringComparer.Ordinal)
    {
        "MaxDequeueCountExceeded", "MaxDeliveryCountExceeded", "TTLExpiredException",
    };

    /// <summary>
    /// Refusals a change to the sales-unit registry can lift; the capability ones once Vipps grants the capability and
    /// the unit is registered again (which reads its capabilities anew).
    /// </summary>
    private static readonly HashSet<string> FixedByRegistry = new(StringComparer.Ordinal)
    {
        IntakeRejectionCodes.UnknownSalesUnit, IntakeRejectionCodes.SalesUnitDisabled, IntakeRejectionCodes.SourceNotBound,
        IntakeRejectionCodes.SourceNotPermitted, IntakeRejectionCodes.PaymentsNotAllowed, IntakeRejectionCodes.RecurringNotAllowed,
        IntakeRejectionCodes.SkipLandingPageNotAllowed,
    };

    /// <summary>True when the message itself was refused: replaying it unchanged will be refused again (an unknown, empty reason is not).</summary>
    public static bool IsPermanent(string? reason) =>
        !string.IsNullOrWhiteSpace(reason) && !Redeliverable.Contains(reason) && !FixedByRegistry.Contains(reason);
}
