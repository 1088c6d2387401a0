using System.Text.Json.Serialization;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>A capture asked for by the webshop, keyed by its capture id; the key is fixed when it is accepted.</summary>
public sealed record CaptureRecord(string CaptureId, Money Amount, IdempotencyKey Key, OperationStatus Status)
{
    [JsonIgnore]
    public OperationContent Content => new(Amount, null, null);
}

/// <summary>
/// A refund asked for by finance, keyed by its refund id, with its reason and requester (<see cref="RequestedBy"/>: the
/// client's free-text note). The audit — when, by which API key and source — is what the operation's row recorded when
/// the refund was accepted; a decider never sets it.
/// </summary>
public sealed record RefundRecord(
    string RefundId,
    Money Amount,
    string Reason,
    string RequestedBy,
    IdempotencyKey Key,
    OperationStatus Status)
{
    [JsonIgnore]
    public OperationContent Content => new(Amount, Reason, RequestedBy);

    /// <summary>When the refund was accepted (the time its saga saved it).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? RequestedAt { get; init; }

    /// <summary>The name of the API key that asked for it, from authentication (never the key); null when it came from a queue.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RequestedByKey { get; init; }

    /// <summary>The CloudEvents source it came from (for an API call: the key's source).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RequestedBySource { get; init; }
}

/// <summary>The (single) cancel of a payment or charge.</summary>
public sealed record CancelRecord(IdempotencyKey Key, bool BeforeAuthorization, OperationStatus Status);

/// <summary>
/// A capture or refund accepted and not yet confirmed by Vipps: what the saga's arithmetic and the in-flight cap need.
/// Everything else about it (reason, requester, status once confirmed) lives in the operation's own row.
/// </summary>
public sealed record InFlightOperation(OperationKind Kind, string Id, Money Amount, IdempotencyKey Key);

/// <summary>
/// What one capture or refund asked for: its amount and, for a refund, reason and requester. A second request with
/// the same id must ask for exactly this, or it is a reuse of the id.
/// </summary>
public sealed record OperationContent(Money Amount, string? Reason, string? RequestedBy)
{
    public override string ToString() =>
        Reason is null && RequestedBy is null ? Amount.ToString() : $"{Amount} ('{Reason}', requested by '{RequestedBy}')";
}
