using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Orchestration.Reconciliation;

/// <summary>Where a sales unit's ledger date stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReconciliationStatus>))]
public enum ReconciliationStatus
{
    /// <summary>The date is not closed at Vipps yet (or has not ended); asked again after <see cref="ReconciliationDay.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>Reconciled: the counts, totals and discrepancies are final for this run.</summary>
    Reconciled,

    /// <summary>The merchant has not granted the accounting partner access; not retried until re-run by hand.</summary>
    NoConsent,

    /// <summary>Vipps failed or the accounting keys are missing; retried on the next run.</summary>
    Failed,
}
