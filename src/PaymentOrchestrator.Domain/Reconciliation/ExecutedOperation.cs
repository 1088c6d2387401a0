using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Reconciliation;

/// <summary>
/// Our side: one capture or refund we executed at Vipps, as the saga timeline records it.
/// <paramref name="PspReference"/> is Vipps' id of the operation when we know it (ePayment answers it on capture and
/// refund); Recurring answers none, so those are matched by reference and amount.
/// </summary>
/// <param name="Msn">The sales unit.</param>
/// <param name="Reference">The payment reference (ePayment) or the charge id (Recurring): the report's <c>reference</c>.</param>
/// <param name="Kind">Capture or refund.</param>
/// <param name="Amount">The amount moved, positive.</param>
/// <param name="At">When Vipps accepted it (our clock).</param>
/// <param name="PspReference">Vipps' id of this operation, if known.</param>
/// <param name="IdempotencyKey">The key it was sent with, if known (shown, not matched: the report does not carry it).</param>
/// <param name="OperationId">Our id of the operation (capture id, refund id), for people.</param>
/// <param name="SagaKind">Whose operation: a payment's, or a charge's (its page is the charge's, not a payment's).</param>
public sealed record ExecutedOperation(
    Msn Msn,
    string Reference,
    SettlementOperationKind Kind,
    Money Amount,
    DateTimeOffset At,
    string? PspReference = null,
    string? IdempotencyKey = null,
    string? OperationId = null,
    SagaKind SagaKind = SagaKind.Payment);
