namespace PaymentOrchestrator.Domain.Contracts;

/// <summary>The rules of the parser that are a matter of policy or environment.</summary>
public sealed record IncomingEventRules
{
    public static IncomingEventRules Default { get; } = new();

    /// <summary>A charge's due date must be at least this many days after the event's <c>time</c> (2 in production, 1 in test).</summary>
    public int MinimumDueDays { get; init; } = 2;

    /// <summary>At most this many years after the event's time.</summary>
    public int MaximumDueYears { get; init; } = 2;

    /// <summary>VARIABLE pricing: the highest allowed suggestedMaxAmount per currency (NOK 20,000 / DKK 300,000 / EUR 2,000).</summary>
    public long MaxSuggestedNok { get; init; } = 2_000_000;

    public long MaxSuggestedDkk { get; init; } = 30_000_000;

    public long MaxSuggestedEur { get; init; } = 200_000;
}
