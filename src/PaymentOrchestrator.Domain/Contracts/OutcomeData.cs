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
