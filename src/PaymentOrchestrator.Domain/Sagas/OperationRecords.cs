using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>A capture asked for by the webshop, keyed by its capture id; the key is fixed when it is accepted.</summary>
public sealed record CaptureRecord(string CaptureId, Money Amount, IdempotencyKey Key, OperationStatus Status);

/// <summary>A refund asked for by finance, keyed by its refund id, with its reason and requester.</summary>
public sealed record RefundRecord(
    string RefundId,
    Money Amount,
    string Reason,
    string RequestedBy,
    IdempotencyKey Key,
    OperationStatus Status);

/// <summary>The (single) cancel of a payment or charge.</summary>
public sealed record CancelRecord(IdempotencyKey Key, bool BeforeAuthorization, OperationStatus Status);
