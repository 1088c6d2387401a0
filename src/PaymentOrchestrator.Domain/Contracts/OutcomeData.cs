using System.Text.Json.Serialization;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Domain.Contracts;

/// <summary>
/// The <c>data</c> of an outgoing event. One flat shape for all types; fields that do not apply are left out of the
/// JSON. Amounts are in minor units with their currency.
/// </summary>
public sealed record OutcomeData
{
    public required string Msn { get; init; }

    public string? Reference { get; init; }

    public string? SubscriptionId { get; init; }

    public string? AgreementId { get; init; }

    public string? ChargeId { get; init; }

    public string? Status { get; init; }

    public string? RedirectUrl { get; init; }

    public string? ConfirmationUrl { get; init; }

    public string? InitialChargeId { get; init; }

    public string? CaptureId { get; init; }

    /// <summary><c>DirectCapture</c> on a <c>payment.captured.v1</c> that Vipps made itself at authorization (no capture id).</summary>
    public string? CaptureType { get; init; }

    public string? RefundId { get; init; }

    public string? RequestedBy { get; init; }

    public MoneyData? Amount { get; init; }

    public AggregateData? Aggregate { get; init; }

    public DateTimeOffset? Deadline { get; init; }

    public string? DeadlineKind { get; init; }

    public string? FailureReason { get; init; }

    public string? FailureDescription { get; init; }

    public string? Reason { get; init; }

    public VippsProblem? Problem { get; init; }

    /// <summary>
    /// Set on <c>*.customer-details.v1</c> outcomes only. With values (result <c>shared</c>) such an outcome is
    /// published from memory and never saved; without (<c>unavailable</c>, <c>failed</c>) it is an ordinary outcome.
    /// </summary>
    public CustomerDetailsData? Customer { get; init; }

    /// <summary>Set on <c>reconciliation.*</c> outcomes only.</summary>
    public ReconciliationData? Reconciliation { get; init; }
}

/// <summary>
/// The reconciliation part of an outcome: the ledger date's status, counts and totals
/// (<c>reconciliation.completed.v1</c>), or one finding with both sides (<c>reconciliation.discrepancy.v1</c>).
/// Amounts are minor units in <see cref="Currency"/>.
/// </summary>
public sealed record ReconciliationData
{
    public required string LedgerDate { get; init; }

    public string? LedgerId { get; init; }

    public required string Currency { get; init; }

    public bool? Clean { get; init; }

    public int? Matched { get; init; }

    public int? MissingAtVipps { get; init; }

    public int? UnknownToUs { get; init; }

    public int? AmountMismatches { get; init; }

    public long? Captured { get; init; }

    public long? Refunded { get; init; }

    public long? Fees { get; init; }

    public long? Payout { get; init; }

    public string? DiscrepancyId { get; init; }

    public string? Kind { get; init; }

    public ReconciliationSide? Ours { get; init; }

    public ReconciliationSide? Vipps { get; init; }

    public long? Difference { get; init; }
}

/// <summary>One side of a reconciliation finding: our operation or Vipps' settlement entry.</summary>
public sealed record ReconciliationSide
{
    public required string Operation { get; init; }

    public string? Reference { get; init; }

    public required long Amount { get; init; }

    public required DateTimeOffset At { get; init; }

    public string? OperationId { get; init; }

    public string? PspReference { get; init; }
}

/// <summary>An amount on the wire: <c>{"currency":"NOK","value":1000}</c>, as ePayment writes it.</summary>
public sealed record MoneyData(string Currency, long Value)
{
    public static MoneyData From(Values.Money money) => new(money.Currency.ToString(), money.MinorUnits);
}

/// <summary>Vipps' aggregate on the wire (minor units, one currency).</summary>
public sealed record AggregateData(
    [property: JsonPropertyName("authorizedAmount")] MoneyData Authorized,
    [property: JsonPropertyName("capturedAmount")] MoneyData Captured,
    [property: JsonPropertyName("refundedAmount")] MoneyData Refunded,
    [property: JsonPropertyName("cancelledAmount")] MoneyData Cancelled)
{
    public static AggregateData From(PaymentAggregate aggregate) => new(
        MoneyData.From(aggregate.Authorized),
        MoneyData.From(aggregate.Captured),
        MoneyData.From(aggregate.Refunded),
        MoneyData.From(aggregate.Cancelled));
}
