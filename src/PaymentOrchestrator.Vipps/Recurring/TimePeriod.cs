namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>An agreement interval: <paramref name="Count"/> (1–31) × <paramref name="Unit"/>.</summary>
/// <param name="Unit">DAY, WEEK, MONTH or YEAR.</param>
/// <param name="Count">1 to 31.</param>
public sealed record TimePeriod(TimePeriodUnit Unit, int Count)
{
    /// <summary>Vipps' text for the period (answers only), e.g. "every 2 weeks".</summary>
    public string? Text { get; init; }
}
