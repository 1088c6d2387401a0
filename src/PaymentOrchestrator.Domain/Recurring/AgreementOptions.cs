using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Domain.Recurring;

/// <summary>Timing of the agreement saga: a drafted agreement is PENDING for 10 minutes.</summary>
public sealed record AgreementOptions
{
    public PollingPolicy Polling { get; init; } = new();

    public RetryPolicy Retry { get; init; } = new();
}
