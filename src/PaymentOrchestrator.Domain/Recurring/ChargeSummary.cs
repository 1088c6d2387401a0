using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Recurring;

/// <summary>The charge's <c>summary</c>: captured, refunded and cancelled amounts.</summary>
public sealed record ChargeSummary(Money Captured, Money Refunded, Money Cancelled)
{
    public static ChargeSummary Zero(Currency currency) => new(Money.Zero(currency), Money.Zero(currency), Money.Zero(currency));
}
