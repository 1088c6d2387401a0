namespace PaymentOrchestrator.Domain.Reconciliation;

/// <summary>The money movements reconciliation matches: a capture or a refund (ePayment or Recurring).</summary>
public enum SettlementOperationKind
{
    Capture,
    Refund,
}
