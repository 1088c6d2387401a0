using System.Text.Json.Serialization;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Epayment;

/// <summary>
/// Vipps' <c>aggregate</c>: the payment stays AUTHORIZED after captures, refunds and cancels, so these four amounts are
/// the truth about money. All in the payment's currency.
/// </summary>
public sealed record PaymentAggregate(Money Authorized, Money Captured, Money Refunded, Money Cancelled)
{
    public static PaymentAggregate Zero(Currency currency) =>
        new(Money.Zero(currency), Money.Zero(currency), Money.Zero(currency), Money.Zero(currency));

    [JsonIgnore]
    public Currency Currency => Authorized.Currency;

    /// <summary>authorized − captured − cancelled: what may still be captured or cancelled.</summary>
    [JsonIgnore]
    public long RemainingMinorUnits => Authorized.MinorUnits - Captured.MinorUnits - Cancelled.MinorUnits;

    /// <summary>captured − refunded: what may still be refunded.</summary>
    [JsonIgnore]
    public long RefundableMinorUnits => Captured.MinorUnits - Refunded.MinorUnits;

    /// <summary>Same currency everywhere, no negative amount, captured ≤ authorized − cancelled, refunded ≤ captured.</summary>
    [JsonIgnore]
    public bool IsConsistent =>
        Captured.Currency == Currency && Refunded.Currency == Currency && Cancelled.Currency == Currency
        && Authorized.MinorUnits >= 0 && Captured.MinorUnits >= 0 && Refunded.MinorUnits >= 0 && Cancelled.MinorUnits >= 0
        && RemainingMinorUnits >= 0 && RefundableMinorUnits >= 0;
}
